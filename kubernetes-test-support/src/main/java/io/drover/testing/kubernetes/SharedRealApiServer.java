package io.drover.testing.kubernetes;

/**
 * The one real API server a test JVM shares: started on first use, stopped when the JVM exits.
 * Tests on it use their own namespace names; the server needs no Namespace objects, as it runs
 * without the NamespaceLifecycle admission plugin.
 */
public final class SharedRealApiServer {

  private static RealApiServer server;

  private SharedRealApiServer() {}

  /** Returns the shared server, starting it on first call. */
  public static synchronized RealApiServer get() {
    if (server == null) {
      RealApiServer started = RealApiServer.start();
      System.err.printf(
          "Real API server (apiextensions-apiserver %s) at %s, ready in %d ms%n",
          started.version(), started.url(), started.startTime().toMillis());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::close, "shared-real-api-server-stop"));
      server = started;
    }
    return server;
  }
}

package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode: the stand-in for the core API (ConfigMaps, Deployments,
 * Events, Leases, ...), which the real CRD server does not serve. It stores and serves objects and
 * watches, but runs no admission, defaulting, garbage collection or controllers. Custom resources
 * go to the {@link RealApiServer}, through the {@link ApiFront}.
 */
public final class MockApiServer {

  private MockApiServer() {}

  /** Starts one on a free loopback port; the caller destroys it. */
  public static KubernetesMockServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return server;
  }
}

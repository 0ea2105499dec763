package io.drover.testing.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * The entry point of the broker JVM: formats the storage once, then runs {@code kafka.Kafka}.
 *
 * <p>The broker exits when its parent's end of stdin closes. That happens when the test JVM or the
 * sandbox dies for any reason, including {@code kill -9}, so a broker is never left behind.
 */
public final class BrokerMain {

  private BrokerMain() {}

  /**
   * Formats and runs the broker.
   *
   * @param args the cluster id (22 characters of base64) and the path of {@code server.properties}
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain <cluster-id> <server.properties>");
      System.exit(2);
    }
    exitWhenParentGoes(System.in);
    int formatted =
        kafka.tools.StorageTool.execute(
            new String[] {"format", "--ignore-formatted", "-t", args[0], "-c", args[1]},
            System.out);
    if (formatted != 0) {
      System.exit(formatted);
    }
    kafka.Kafka.main(new String[] {args[1]});
  }

  private static void exitWhenParentGoes(InputStream parentPipe) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (parentPipe.read() != -1) {
                  // Nothing is ever written; we only wait for the end of the stream.
                }
              } catch (IOException closed) {
                // A broken pipe means the same as end of stream: the parent is gone.
              }
              System.exit(0);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}

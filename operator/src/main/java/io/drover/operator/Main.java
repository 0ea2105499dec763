package io.drover.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's process: settings from the environment, the in-cluster client, run until TERM. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("drover-operator: invalid settings:\n" + e.getMessage());
      System.exit(1);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    DroverOperator operator = DroverOperator.start(client, settings);
    LOG.info(
        "reconciling ConsumerGroups in {} with runtime image {}; HTTP on port {}",
        settings.watchNamespaces().isEmpty() ? "all namespaces" : settings.watchNamespaces(),
        settings.runtimeImage(),
        operator.httpPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "drover-operator-shutdown"));
    stopped.await();
  }
}

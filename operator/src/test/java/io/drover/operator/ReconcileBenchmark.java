package io.drover.operator;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles many ConsumerGroups against the mock API server and reports the time until all are
 * Ready, reconciles per second, and memory. Not a test: {@code ./mvnw -B -Pbenchmark -pl operator
 * -am verify -DskipTests}; the method is in docs/benchmarks.md.
 */
public final class ReconcileBenchmark {

  private static final int GROUPS = Integer.getInteger("groups", 1_000);

  private ReconcileBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (OperatorHarness harness = OperatorHarness.start()) {
      KubernetesClient client = harness.client();
      SharedIndexInformer<Deployment> kubelet = actAsKubelet(client);
      long started = System.nanoTime();
      for (int i = 0; i < GROUPS; i++) {
        client.resource(group("group-" + i)).create();
      }
      double created = (System.nanoTime() - started) / 1e9;
      long deadline = started + TimeUnit.MINUTES.toNanos(15);
      long ready = 0;
      while (ready < GROUPS) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + ready + " Ready after 15 minutes");
        }
        TimeUnit.MILLISECONDS.sleep(200); // polling the outcome, not synchronising the operator
        ready =
            client.resources(ConsumerGroup.class).inNamespace("bench").list().getItems().stream()
                .filter(ReconcileBenchmark::isReady)
                .count();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double reconciles = reconciles(harness.httpPort());
      System.gc();
      long heapMib =
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      System.out.printf(
          Locale.ROOT,
          "%d ConsumerGroups: created in %.1f s, all Ready after %.1f s; %.0f reconciles,"
              + " %.1f reconciles/s; heap after GC %d MiB, RSS %d MiB (operator, mock API server"
              + " and kubelet stand-in in one JVM)%n",
          GROUPS,
          created,
          seconds,
          reconciles,
          reconciles / seconds,
          heapMib,
          rssMib());
      kubelet.close();
    }
  }

  private static ConsumerGroup group(String name) {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench").build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka:9092";
    spec.topics = List.of("orders");
    spec.replicas = 2;
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.log = new ConsumerGroupSpec.LogSink();
    group.setSpec(spec);
    return group;
  }

  private static boolean isReady(ConsumerGroup group) {
    return group.getStatus() != null
        && group.getStatus().conditions.stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  // Every Deployment's pods become ready at once, as soon as the Deployment is seen.
  private static SharedIndexInformer<Deployment> actAsKubelet(KubernetesClient client) {
    return client
        .apps()
        .deployments()
        .inNamespace("bench")
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Deployment deployment) {
                report(deployment);
              }

              @Override
              public void onUpdate(Deployment old, Deployment deployment) {
                report(deployment);
              }

              @Override
              public void onDelete(Deployment deployment, boolean unknown) {}

              private void report(Deployment deployment) {
                Long generation = deployment.getMetadata().getGeneration();
                if (deployment.getStatus() != null
                    && generation.equals(deployment.getStatus().getObservedGeneration())) {
                  return;
                }
                int replicas = deployment.getSpec().getReplicas();
                deployment.setStatus(
                    new DeploymentStatusBuilder()
                        .withObservedGeneration(generation)
                        .withReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withReadyReplicas(replicas)
                        .build());
                client.resource(deployment).updateStatus();
              }
            });
  }

  private static double reconciles(int port) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("operator_sdk_reconciliations_started_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long rssMib() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmRSS:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst()
            .orElse(0)
        / 1024;
  }
}

package io.drover.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet and the Deployment controller for the local stack: every half second it reads
 * the Deployments the operator manages and runs each replica as a real runtime process.
 *
 * <p>What it does: the pod template's env (values, downward-API name and namespace, Secret keys),
 * ConfigMap, Secret and emptyDir volumes materialised as files, the memory limit as the JVM's
 * {@code -XX:MaxRAM}, readiness from {@code /readyz}, Pod objects and Deployment status written
 * back, scale up and down, a surge-one rolling update when the template's hash changes, and each
 * stop as SIGTERM then SIGKILL after {@code terminationGracePeriodSeconds}. A Deployment whose
 * owning ConsumerGroup is gone is deleted, as the garbage collector would.
 *
 * <p>What it does not: images (every container runs the local runtime build), isolation (pods share
 * the host's network, so each gets its own port, written into its copy of the runtime config, and
 * container paths are rewritten to the materialised directories), liveness restarts, resource
 * limits beyond the heap, scheduling.
 */
public final class PodRunner implements AutoCloseable {

  /**
   * How one pod's life ended.
   *
   * @param pod the pod's name
   * @param ending graceful or killed
   * @param exitCode the process's exit code
   */
  public record Stopped(String pod, LocalPod.Ending ending, int exitCode) {}

  private static final Logger LOG = LoggerFactory.getLogger(PodRunner.class);
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClient client;
  private final Path workDirectory;
  private final ContainerLaunch containers;
  private final Map<String, List<LocalPod>> pods = new ConcurrentHashMap<>();
  private final Map<String, Long> graceSeconds = new ConcurrentHashMap<>();
  private final List<Stopped> stopped = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService stoppers = Executors.newCachedThreadPool();
  private int started;

  private PodRunner(
      KubernetesClient client, Path workDirectory, Path runtimeHome, String apiServerUrl) {
    this.client = client;
    this.workDirectory = workDirectory;
    this.containers =
        new ContainerLaunch(
            client,
            runtimeHome,
            Map.of(
                "KUBERNETES_MASTER",
                apiServerUrl,
                "KUBERNETES_AUTH_TRYKUBECONFIG",
                "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
                "false",
                "JAVA_HOME",
                System.getProperty("java.home"),
                "DROVER_HOME",
                runtimeHome.toString()));
  }

  /**
   * Starts watching.
   *
   * @param runtimeHome the runtime's image layout built by runtime-image ({@code target/app})
   */
  public static PodRunner start(
      KubernetesClient client, Path workDirectory, Path runtimeHome, String apiServerUrl) {
    if (!Files.isRegularFile(runtimeHome.resolve("bin/drover-runtime"))) {
      throw new IllegalStateException(
          runtimeHome + " has no bin/drover-runtime: build runtime-image first (mvn package)");
    }
    PodRunner runner = new PodRunner(client, workDirectory, runtimeHome, apiServerUrl);
    runner.loop.scheduleWithFixedDelay(runner::syncSafely, 0, 500, TimeUnit.MILLISECONDS);
    return runner;
  }

  /** The running, not terminating, pods of a Deployment. */
  public List<LocalPod> pods(String namespace, String deployment) {
    return pods.getOrDefault(namespace + "/" + deployment, List.of()).stream()
        .filter(p -> !p.terminating() && p.alive())
        .toList();
  }

  /** Every pod that has stopped so far, in order. */
  public List<Stopped> stopped() {
    return List.copyOf(stopped);
  }

  private void syncSafely() {
    try {
      sync();
    } catch (RuntimeException e) {
      LOG.warn(
          "pod runner sync failed; retrying: {} (cause: {})",
          e.toString(),
          String.valueOf(e.getCause()));
    }
  }

  private synchronized void sync() {
    List<Deployment> deployments =
        client.apps().deployments().inAnyNamespace().withLabel(MANAGED_BY).list().getItems();
    List<String> seen = new ArrayList<>();
    for (Deployment deployment : deployments) {
      if (ownerIsGone(deployment)) {
        client.resource(deployment).delete();
        continue;
      }
      String key =
          deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
      seen.add(key);
      reconcile(key, deployment);
    }
    for (String key : List.copyOf(pods.keySet())) {
      if (!seen.contains(key)) {
        long grace = graceSeconds.getOrDefault(key, 30L);
        pods.get(key).stream().filter(p -> !p.terminating()).forEach(p -> stop(key, p, grace));
        pods.get(key).removeIf(p -> !p.alive());
        if (pods.get(key).isEmpty()) {
          pods.remove(key);
        }
      }
    }
  }

  private boolean ownerIsGone(Deployment deployment) {
    for (OwnerReference owner : deployment.getMetadata().getOwnerReferences()) {
      boolean exists =
          client
                  .genericKubernetesResources(owner.getApiVersion(), owner.getKind())
                  .inNamespace(deployment.getMetadata().getNamespace())
                  .withName(owner.getName())
                  .get()
              != null;
      if (!exists) {
        return true;
      }
    }
    return false;
  }

  private void reconcile(String key, Deployment deployment) {
    List<LocalPod> all = pods.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    for (LocalPod pod : all) {
      if (!pod.alive() && !pod.terminating()) {
        // Exited on its own: the kubelet would restart it; here the replica is replaced.
        stopped.add(new Stopped(pod.name(), LocalPod.Ending.EXITED, pod.exitCode()));
        deletePodObject(deployment, pod);
        LOG.info("pod {} exited with {}", pod.name(), pod.exitCode());
      }
    }
    all.removeIf(p -> !p.alive());

    String hash = templateHash(deployment.getSpec().getTemplate());
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    long grace =
        Objects.requireNonNullElse(
            deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), 30L);
    graceSeconds.put(key, grace);
    List<LocalPod> live = all.stream().filter(p -> !p.terminating()).toList();
    List<LocalPod> current = live.stream().filter(p -> p.templateHash().equals(hash)).toList();
    List<LocalPod> old = live.stream().filter(p -> !p.templateHash().equals(hash)).toList();
    boolean currentReady = current.stream().allMatch(LocalPod::ready);

    if (!old.isEmpty()) {
      // Surge one: a new pod first; an old one goes once every new pod is ready.
      if (current.size() < desired && currentReady) {
        all.add(startPod(deployment, hash));
      } else if (currentReady) {
        stop(key, old.get(0), grace);
      }
    } else if (current.size() < desired) {
      for (int i = current.size(); i < desired; i++) {
        all.add(startPod(deployment, hash));
      }
    } else {
      for (int i = current.size() - 1; i >= desired; i--) {
        stop(key, current.get(i), grace);
      }
    }
    writeStatus(key, deployment, hash, all);
  }

  private void stop(String key, LocalPod pod, long graceSeconds) {
    if (pod.terminating()) {
      return;
    }
    stoppers.execute(
        () -> {
          try {
            LocalPod.Ending ending = pod.stop(Duration.ofSeconds(graceSeconds));
            stopped.add(new Stopped(pod.name(), ending, pod.exitCode()));
            LOG.info("pod {} stopped: {} (exit {})", pod.name(), ending, pod.exitCode());
            String namespace = key.substring(0, key.indexOf('/'));
            client.pods().inNamespace(namespace).withName(pod.name()).delete();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private LocalPod startPod(Deployment deployment, String hash) {
    String namespace = deployment.getMetadata().getNamespace();
    String name =
        deployment.getMetadata().getName() + "-" + hash + "-" + Integer.toString(++started, 36);
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    try {
      Path root = Files.createDirectories(workDirectory.resolve(namespace).resolve(name));
      ContainerLaunch.Prepared launch = containers.prepare(namespace, name, template, root);
      LocalPod pod =
          LocalPod.start(
              name,
              hash,
              launch.port(),
              launch.command(),
              launch.environment(),
              root.resolve("pod.log"));
      client
          .pods()
          .inNamespace(namespace)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .withLabels(template.getMetadata().getLabels())
                  .endMetadata()
                  .withSpec(template.getSpec())
                  .withNewStatus()
                  .withPhase("Running")
                  .withPodIP("127.0.0.1")
                  .endStatus()
                  .build())
          .create();
      LOG.info("pod {} started (pid {}, port {})", name, pod.pid(), pod.port());
      return pod;
    } catch (IOException e) {
      throw new IllegalStateException("could not start pod " + name, e);
    }
  }

  private void writeStatus(String key, Deployment deployment, String hash, List<LocalPod> all) {
    List<LocalPod> live = all.stream().filter(p -> !p.terminating() && p.alive()).toList();
    int ready = (int) live.stream().filter(LocalPod::ready).count();
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(live.size())
            .withUpdatedReplicas(
                (int) live.stream().filter(p -> p.templateHash().equals(hash)).count())
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUnavailableReplicas(Math.max(0, live.size() - ready))
            .build();
    // Compared with what the API holds, not with what was last written: the mock API server keeps
    // no status apart from the spec, so the operator's updates can wipe it.
    if (status.equals(deployment.getStatus())) {
      return;
    }
    deployment.setStatus(status);
    client.resource(deployment).updateStatus();
  }

  private void deletePodObject(Deployment deployment, LocalPod pod) {
    client
        .pods()
        .inNamespace(deployment.getMetadata().getNamespace())
        .withName(pod.name())
        .delete();
  }

  private static String templateHash(PodTemplateSpec template) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(YAML.writeValueAsBytes(template));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
      synchronized (this) {
        pods.forEach(
            (key, list) -> list.forEach(p -> stop(key, p, graceSeconds.getOrDefault(key, 30L))));
      }
      stoppers.shutdown();
      stoppers.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

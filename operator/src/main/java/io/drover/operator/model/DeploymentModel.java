package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.api.v1alpha1.PodOverrides;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Deployment that runs a ConsumerGroup's pods. */
public final class DeploymentModel {

  /** The pod-template annotation whose change rolls the pods when the configuration changes. */
  public static final String CONFIG_HASH = "drover.io/config-hash";

  /** The runtime container's name. */
  public static final String CONTAINER = "runtime";

  private DeploymentModel() {}

  /** Builds the Deployment for a valid ConsumerGroup. */
  public static Deployment desired(
      ConsumerGroup group, String defaultImage, RuntimeConfigRenderer.Rendered config) {
    ConsumerGroupSpec spec = group.getSpec();
    PodOverrides pod = spec.pod == null ? new PodOverrides() : spec.pod;
    Map<String, String> podLabels = new LinkedHashMap<>();
    if (pod.labels != null) {
      podLabels.putAll(pod.labels);
    }
    podLabels.putAll(Labels.standard(group));
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    if (pod.annotations != null) {
      podAnnotations.putAll(pod.annotations);
    }
    podAnnotations.put(CONFIG_HASH, config.hash());

    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(Names.workload(group))
        .withNamespace(group.getMetadata().getNamespace())
        .withLabels(Labels.standard(group))
        .endMetadata()
        .withNewSpec()
        .withReplicas(Specs.replicas(spec))
        .withNewSelector()
        .withMatchLabels(Labels.selector(group))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(
            Specs.ownServiceAccount(spec) ? Names.serviceAccount(group) : pod.serviceAccountName)
        .withTerminationGracePeriodSeconds(Specs.terminationGracePeriodSeconds(spec))
        .withSecurityContext(SecurityContexts.pod())
        .withContainers(container(group, defaultImage))
        .withVolumes(volumes(group))
        .withNodeSelector(pod.nodeSelector)
        .withTolerations(pod.tolerations)
        .withAffinity(pod.affinity)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(ConsumerGroup group, String defaultImage) {
    ConsumerGroupSpec spec = group.getSpec();
    int port = Specs.port(spec);
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(spec.image == null ? defaultImage : spec.image)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort()
        .withName("http")
        .withContainerPort(port)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env(group))
        .withResources(resources(spec.pod))
        .withSecurityContext(SecurityContexts.container())
        .withVolumeMounts(volumeMounts(spec))
        .withStartupProbe(probe("/healthz", port, 2, 60))
        .withLivenessProbe(probe("/healthz", port, 10, 3))
        .withReadinessProbe(probe("/readyz", port, 5, 1))
        .build();
  }

  private static List<EnvVar> env(ConsumerGroup group) {
    ConsumerGroupSpec spec = group.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(value("DROVER_CONFIG", PodLayout.CONFIG_DIR + "/" + PodLayout.CONFIG_FILE));
    env.add(value("DROVER_OWNER_API_VERSION", group.getApiVersion()));
    env.add(value("DROVER_OWNER_KIND", group.getKind()));
    env.add(value("DROVER_OWNER_NAME", group.getMetadata().getName()));
    env.add(value("DROVER_OWNER_UID", group.getMetadata().getUid()));
    env.add(field("DROVER_POD_NAME", "metadata.name"));
    env.add(field("DROVER_POD_NAMESPACE", "metadata.namespace"));
    if (spec.sasl != null) {
      env.add(
          new EnvVarBuilder()
              .withName(PodLayout.SASL_PASSWORD_ENV)
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(spec.sasl.passwordSecret.name)
              .withKey(spec.sasl.passwordSecret.key)
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    if (spec.pod != null && spec.pod.env != null) {
      env.addAll(spec.pod.env);
    }
    return env;
  }

  private static List<Volume> volumes(ConsumerGroup group) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("config")
            .withNewConfigMap()
            .withName(Names.configMap(group))
            .endConfigMap()
            .build());
    // The root filesystem is read-only; the JVM and the Kafka client write only to /tmp.
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    ConsumerGroupSpec spec = group.getSpec();
    if (spec.tls != null && spec.tls.caCertificates != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("kafka-ca")
              .withNewSecret()
              .withSecretName(spec.tls.caCertificates.name)
              .addNewItem()
              .withKey(spec.tls.caCertificates.key)
              .withPath(PodLayout.CA_FILE)
              .endItem()
              .endSecret()
              .build());
    }
    if (spec.tls != null && spec.tls.clientCertificate != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("kafka-client-certificate")
              .withNewSecret()
              .withSecretName(spec.tls.clientCertificate.secretName)
              .addNewItem()
              .withKey(Specs.clientCertificateKey(spec.tls.clientCertificate))
              .withPath(PodLayout.CLIENT_CERTIFICATE_FILE)
              .endItem()
              .addNewItem()
              .withKey(Specs.clientPrivateKeyKey(spec.tls.clientCertificate))
              .withPath(PodLayout.CLIENT_KEY_FILE)
              .endItem()
              .endSecret()
              .build());
    }
    return volumes;
  }

  private static List<VolumeMount> volumeMounts(ConsumerGroupSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("config", PodLayout.CONFIG_DIR));
    mounts.add(
        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").withReadOnly(false).build());
    if (spec.tls != null && spec.tls.caCertificates != null) {
      mounts.add(mount("kafka-ca", PodLayout.TLS_DIR));
    }
    if (spec.tls != null && spec.tls.clientCertificate != null) {
      mounts.add(mount("kafka-client-certificate", PodLayout.CLIENT_CERTIFICATE_DIR));
    }
    return mounts;
  }

  private static ResourceRequirements resources(PodOverrides pod) {
    if (pod != null && pod.resources != null) {
      return pod.resources;
    }
    // Sized from the measured footprint (docs/benchmarks.md): about 180 MiB resident at a 512 MiB
    // limit under steady load.
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .build();
  }

  private static Probe probe(String path, int port, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withHttpGet(
            new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(port)).build())
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar field(String name, String fieldPath) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}

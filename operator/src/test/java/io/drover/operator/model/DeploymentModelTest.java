package io.drover.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.PodOverrides;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentModelTest {

  private static Deployment deployment(ConsumerGroup group) {
    return DesiredResources.of(group, "drover-runtime:1").deployment();
  }

  @Test
  void podsRunUnderTheRestrictedPodSecurityStandard() {
    PodSpec pod = deployment(Groups.httpSink()).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container runtime = pod.getContainers().get(0);
    assertThat(runtime.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(runtime.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(runtime.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(runtime.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  @Test
  void theGracePeriodIsTheShutdownTimeoutPlusAMargin() {
    ConsumerGroup group = Groups.httpSink();
    assertThat(
            deployment(group).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(75);
    group.getSpec().shutdownTimeoutMs = 20_500L;
    assertThat(
            deployment(group).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(36);
  }

  @Test
  void aConfigurationChangeChangesThePodTemplate() {
    ConsumerGroup group = Groups.httpSink();
    String before = hash(deployment(group));
    group.getSpec().concurrency = 9;
    assertThat(hash(deployment(group))).isNotEqualTo(before).hasSize(64);
    group.getSpec().concurrency = null;
    assertThat(hash(deployment(group))).isEqualTo(before);
  }

  @Test
  void theRuntimeLearnsItsOwnerAndPodFromTheEnvironmentAndThePasswordFromTheSecret() {
    Container runtime =
        deployment(Groups.withSasl()).getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env =
        runtime.getEnv().stream()
            .collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("DROVER_OWNER_UID").getValue()).isEqualTo("uid-1");
    assertThat(env.get("DROVER_OWNER_KIND").getValue()).isEqualTo("ConsumerGroup");
    assertThat(env.get("DROVER_OWNER_API_VERSION").getValue()).isEqualTo("drover.io/v1alpha1");
    assertThat(env.get("DROVER_POD_NAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(env.get("DROVER_POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    EnvVar password = env.get(PodLayout.SASL_PASSWORD_ENV);
    assertThat(password.getValue()).isNull();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("orders-kafka");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(runtime.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(PodLayout.TLS_DIR));
  }

  @Test
  void aClientCertificateIsMountedReadOnlyFromItsSecretsTwoKeys() {
    ConsumerGroup group = Groups.withClientCertificate();
    group.getSpec().tls.clientCertificate.certificate = "tls.crt";
    group.getSpec().tls.clientCertificate.key = "tls.key";
    var pod = deployment(group).getSpec().getTemplate().getSpec();

    var volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals("kafka-client-certificate"))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("orders-user");
    assertThat(volume.getSecret().getItems())
        .extracting(i -> i.getKey() + "->" + i.getPath())
        .containsExactly("tls.crt->user.crt", "tls.key->user.key");
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo(PodLayout.CLIENT_CERTIFICATE_DIR);
              assertThat(m.getReadOnly()).isTrue();
            });
  }

  @Test
  void probesAndImageFollowTheSpec() {
    ConsumerGroup group = Groups.httpSink();
    Container runtime = deployment(group).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(runtime.getImage()).isEqualTo("drover-runtime:1");
    assertThat(runtime.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(runtime.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    group.getSpec().image = "example.com/mine:2";
    assertThat(
            deployment(group).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example.com/mine:2");
  }

  @Test
  void userLabelsAreAddedButNeverReplaceTheSelectorLabels() {
    ConsumerGroup group = Groups.httpSink();
    group.getSpec().pod = new PodOverrides();
    group.getSpec().pod.labels = Map.of("team", "shop", "app.kubernetes.io/instance", "evil");
    Map<String, String> labels =
        deployment(group).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(labels)
        .containsEntry("team", "shop")
        .containsEntry("app.kubernetes.io/instance", "orders");
    assertThat(deployment(group).getSpec().getSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(Labels.selector(group));
  }

  @Test
  void optionalObjectsExistOnlyWhenTheyShould() {
    ConsumerGroup group = Groups.httpSink();
    DesiredResources one = DesiredResources.of(group, "img");
    assertThat(one.podDisruptionBudget()).isNull();
    assertThat(one.metricsService()).isNotNull();
    assertThat(one.serviceAccount()).isNotNull();
    assertThat(one.eventsRole().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("events");
              assertThat(rule.getVerbs()).containsExactly("create", "patch");
            });

    group.getSpec().replicas = 3;
    group.getSpec().pod = new PodOverrides();
    group.getSpec().pod.serviceAccountName = "mine";
    DesiredResources three = DesiredResources.of(group, "img");
    assertThat(three.podDisruptionBudget()).isNotNull();
    assertThat(three.serviceAccount()).isNull();
    assertThat(three.eventsRole()).isNull();
    assertThat(three.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("mine");
  }

  private static String hash(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(DeploymentModel.CONFIG_HASH);
  }
}

package io.drover.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.PodOverrides;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private static final SpecValidator.SecretKeys ALL_PRESENT =
      (namespace, name) -> Optional.of(Set.of("password", "ca.pem"));

  @Test
  void aValidSpecHasNoProblem() {
    assertThat(SpecValidator.validate(Groups.withSasl(), ALL_PRESENT)).isEmpty();
  }

  @Test
  void reportsEveryProblemWithItsField() {
    ConsumerGroup group = Groups.httpSink();
    group.getSpec().config =
        Map.of("group.id", "x", "ssl.keystore.password", "p", "max.poll.records", "10");
    group.getSpec().pod = new PodOverrides();
    group.getSpec().pod.env = List.of(new EnvVar("DROVER_CONFIG", "/x", null));

    List<Problem> problems = SpecValidator.validate(group, ALL_PRESENT);

    assertThat(problems)
        .extracting(Problem::reason, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Problem.FORBIDDEN_CONFIG_KEY, "spec.config[\"group.id\"]"),
            org.assertj.core.groups.Tuple.tuple(
                Problem.FORBIDDEN_CONFIG_KEY, "spec.config[\"ssl.keystore.password\"]"),
            org.assertj.core.groups.Tuple.tuple(
                Problem.RESERVED_ENV_VAR, "spec.pod.env[DROVER_CONFIG]"));
    assertThat(problems.get(0).message()).contains("use spec.groupId");
    // The value may be a credential: it never reaches a message.
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("=p"));
  }

  @Test
  void configValuesTheKafkaClientWouldRefuseAreReportedWithTheirKey() {
    ConsumerGroup group = Groups.httpSink();
    group.getSpec().config =
        Map.of(
            "max.poll.records", "many",
            "auto.offset.reset", "sometimes",
            "fetch.min.bytes", "1024",
            "not.a.kafka.key", "ignored");

    List<Problem> problems = SpecValidator.validate(group, ALL_PRESENT);

    assertThat(problems)
        .extracting(Problem::reason, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Problem.INVALID_CONFIG_VALUE, "spec.config[\"auto.offset.reset\"]"),
            org.assertj.core.groups.Tuple.tuple(
                Problem.INVALID_CONFIG_VALUE, "spec.config[\"max.poll.records\"]"));
    assertThat(problems.get(1).message()).contains("Not a number of type INT");
  }

  @Test
  void aMaxPollIntervalARebalanceWouldOutlastIsReported() {
    ConsumerGroup group = Groups.httpSink();
    group.getSpec().config = Map.of("max.poll.interval.ms", "10000");

    assertThat(SpecValidator.validate(group, ALL_PRESENT))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("spec.config[\"max.poll.interval.ms\"]");
              assertThat(p.message()).contains("(10000)", "35000 ms");
            });
    group.getSpec().config = Map.of("max.poll.interval.ms", "60000");
    assertThat(SpecValidator.validate(group, ALL_PRESENT)).isEmpty();
  }

  @Test
  void missingSecretsAndKeysAreNamedAndMayResolveThemselves() {
    List<Problem> noSecret =
        SpecValidator.validate(Groups.withSasl(), (namespace, name) -> Optional.empty());
    assertThat(noSecret)
        .extracting(Problem::reason)
        .containsExactly(Problem.SECRET_NOT_FOUND, Problem.SECRET_NOT_FOUND);
    assertThat(noSecret.get(0).message()).contains("orders-kafka").contains("namespace shop");
    assertThat(noSecret).allMatch(Problem::mayResolveItself);

    List<Problem> noKey =
        SpecValidator.validate(
            Groups.withSasl(), (namespace, name) -> Optional.of(Set.of("something-else")));
    assertThat(noKey)
        .extracting(Problem::field)
        .containsExactly("spec.sasl.passwordSecret.key", "spec.tls.caCertificates.key");
  }

  @Test
  void aClientCertificateNeedsBothKeysOfItsSecretStrimzisByDefault() {
    assertThat(
            SpecValidator.validate(
                Groups.withClientCertificate(),
                (namespace, name) ->
                    name.equals("orders-user")
                        ? Optional.of(Set.of("user.crt", "user.key", "ca.crt"))
                        : Optional.empty()))
        .isEmpty();

    List<Problem> certManagerLayout =
        SpecValidator.validate(
            Groups.withClientCertificate(),
            (namespace, name) -> Optional.of(Set.of("tls.crt", "tls.key", "ca.crt")));
    assertThat(certManagerLayout)
        .extracting(Problem::reason, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Problem.SECRET_KEY_NOT_FOUND, "spec.tls.clientCertificate.certificate"),
            org.assertj.core.groups.Tuple.tuple(
                Problem.SECRET_KEY_NOT_FOUND, "spec.tls.clientCertificate.key"));
    assertThat(certManagerLayout.get(0).message()).contains("user.crt").contains("orders-user");

    assertThat(
            SpecValidator.validate(
                Groups.withClientCertificate(), (namespace, name) -> Optional.empty()))
        .extracting(Problem::reason, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Problem.SECRET_NOT_FOUND, "spec.tls.clientCertificate.secretName"));
  }

  @Test
  void aNameTooLongForTheDerivedObjectsIsRejected() {
    ConsumerGroup group = Groups.httpSink();
    group.getMetadata().setName("x".repeat(Names.MAX_NAME_LENGTH + 1));
    assertThat(SpecValidator.validate(group, ALL_PRESENT))
        .extracting(Problem::reason)
        .containsExactly(Problem.NAME_TOO_LONG);
  }
}

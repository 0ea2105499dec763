package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.api.v1alpha1.ForbiddenConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What admission cannot check: pass-through config values Kafka would refuse, reserved names, and
 * Secrets that must exist (and forbidden config keys again, for objects admitted under an older
 * CRD). Every problem is reported, not only the first.
 */
public final class SpecValidator {

  /** Reads Secrets by name; only the key names are needed, never the values. */
  @FunctionalInterface
  public interface SecretKeys {
    /** Returns the Secret's keys, or empty when it does not exist. */
    Optional<Set<String>> of(String namespace, String name);
  }

  private SpecValidator() {}

  /** Returns every problem; empty when the ConsumerGroup can be run. */
  public static List<Problem> validate(ConsumerGroup group, SecretKeys secrets) {
    List<Problem> problems = new ArrayList<>();
    ConsumerGroupSpec spec = group.getSpec();
    String name = group.getMetadata().getName();
    if (name.length() > Names.MAX_NAME_LENGTH) {
      problems.add(
          new Problem(
              Problem.NAME_TOO_LONG,
              "metadata.name",
              "metadata.name has "
                  + name.length()
                  + " characters; at most "
                  + Names.MAX_NAME_LENGTH
                  + " fit the names of the objects made from it. Recreate it with a shorter"
                  + " name."));
    }
    if (spec.config != null) {
      // Admission refuses these keys too; this catches objects admitted under an older CRD,
      // which Helm never upgrades.
      spec.config.keySet().stream()
          .filter(ForbiddenConfigKeys::isForbidden)
          .sorted()
          .forEach(
              key ->
                  problems.add(
                      new Problem(
                          Problem.FORBIDDEN_CONFIG_KEY,
                          "spec.config[\"" + key + "\"]",
                          "spec.config[\""
                              + key
                              + "\"] cannot be set: "
                              + hint(key)
                              + ". Remove it from spec.config.")));
      problems.addAll(KafkaConfigValues.check(spec.config));
    }
    if (spec.pod != null && spec.pod.env != null) {
      spec.pod.env.stream()
          .filter(env -> env.getName() != null)
          .filter(env -> env.getName().startsWith(PodLayout.RESERVED_ENV_PREFIX))
          .forEach(
              env ->
                  problems.add(
                      new Problem(
                          Problem.RESERVED_ENV_VAR,
                          "spec.pod.env[" + env.getName() + "]",
                          "spec.pod.env sets "
                              + env.getName()
                              + "; variables starting with DROVER_ belong to the runtime."
                              + " Rename it.")));
    }
    if (spec.pod != null && spec.pod.labels != null) {
      spec.pod.labels.keySet().stream()
          .filter(label -> label.startsWith(Labels.RESERVED_PREFIX))
          .sorted()
          .forEach(
              label ->
                  problems.add(
                      new Problem(
                          Problem.RESERVED_LABEL,
                          "spec.pod.labels[\"" + label + "\"]",
                          "spec.pod.labels sets "
                              + label
                              + "; the operator sets the app.kubernetes.io/* labels. Remove"
                              + " it.")));
    }
    String namespace = group.getMetadata().getNamespace();
    if (spec.sasl != null) {
      secret(secrets, namespace, "spec.sasl.passwordSecret", spec.sasl.passwordSecret, problems);
    }
    if (spec.tls != null && spec.tls.caCertificates != null) {
      secret(secrets, namespace, "spec.tls.caCertificates", spec.tls.caCertificates, problems);
    }
    if (spec.tls != null && spec.tls.clientCertificate != null) {
      ConsumerGroupSpec.ClientCertificate client = spec.tls.clientCertificate;
      secretKeys(
          secrets,
          namespace,
          "spec.tls.clientCertificate",
          "spec.tls.clientCertificate.secretName",
          client.secretName,
          Map.of(
              "spec.tls.clientCertificate.certificate", Specs.clientCertificateKey(client),
              "spec.tls.clientCertificate.key", Specs.clientPrivateKeyKey(client)),
          problems);
    }
    return problems;
  }

  private static String hint(String key) {
    return switch (key) {
      case "bootstrap.servers" -> "use spec.bootstrapServers";
      case "group.id" -> "use spec.groupId";
      case "security.protocol" -> "it follows from spec.tls and spec.sasl";
      default ->
          key.startsWith("sasl.") || key.startsWith("ssl.")
              ? "security settings come from spec.sasl and spec.tls, with credentials in Secrets"
              : "Drover sets it itself";
    };
  }

  private static void secret(
      SecretKeys secrets,
      String namespace,
      String field,
      ConsumerGroupSpec.SecretKeyRef ref,
      List<Problem> problems) {
    secretKeys(
        secrets,
        namespace,
        field,
        field + ".name",
        ref.name,
        Map.of(field + ".key", ref.key),
        problems);
  }

  /**
   * Checks that Secret {@code name} exists (a problem on {@code nameField} if not) and has each key
   * (a problem on the key's field if not).
   */
  private static void secretKeys(
      SecretKeys secrets,
      String namespace,
      String field,
      String nameField,
      String name,
      Map<String, String> keysByField,
      List<Problem> problems) {
    Optional<Set<String>> keys = secrets.of(namespace, name);
    if (keys.isEmpty()) {
      problems.add(
          new Problem(
              Problem.SECRET_NOT_FOUND,
              nameField,
              field
                  + " names Secret "
                  + name
                  + ", which does not exist in namespace "
                  + namespace
                  + ". Create it; the operator checks again every minute."));
      return;
    }
    new TreeMap<>(keysByField)
        .forEach(
            (keyField, key) -> {
              if (!keys.get().contains(key)) {
                problems.add(
                    new Problem(
                        Problem.SECRET_KEY_NOT_FOUND,
                        keyField,
                        field
                            + " names key "
                            + key
                            + " of Secret "
                            + name
                            + ", which has no such key. Add it or fix the key name."));
              }
            });
  }
}

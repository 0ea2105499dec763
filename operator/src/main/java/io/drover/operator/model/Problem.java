package io.drover.operator.model;

/**
 * Something wrong with a ConsumerGroup that admission could not catch.
 *
 * @param reason the condition and Event reason, UpperCamelCase
 * @param field the spec path, for example {@code spec.config["group.id"]}
 * @param message what is wrong and what to do, naming the field
 */
public record Problem(String reason, String field, String message) {

  /** A config key the operator or the runtime sets itself, or a security key. */
  public static final String FORBIDDEN_CONFIG_KEY = "ForbiddenConfigKey";

  /** A config value the Kafka client would refuse (wrong type, out of range, unknown choice). */
  public static final String INVALID_CONFIG_VALUE = "InvalidConfigValue";

  /** A referenced Secret does not exist. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";

  /** A referenced Secret lacks the key. */
  public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";

  /** A {@code DROVER_*} variable in spec.pod.env. */
  public static final String RESERVED_ENV_VAR = "ReservedEnvVar";

  /** An {@code app.kubernetes.io/*} label in spec.pod.labels. */
  public static final String RESERVED_LABEL = "ReservedLabel";

  /** metadata.name is too long for the names derived from it. */
  public static final String NAME_TOO_LONG = "NameTooLong";

  /** Returns whether this problem may go away without a spec change (a Secret appearing). */
  public boolean mayResolveItself() {
    return reason.equals(SECRET_NOT_FOUND) || reason.equals(SECRET_KEY_NOT_FOUND);
  }
}

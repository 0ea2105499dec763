package io.drover.api.v1alpha1;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Kafka properties {@code spec.config} may not set: Drover sets the connection, group, protocol
 * and (de)serializer keys itself, security keys could carry a literal credential, and keys that
 * name classes would stop every pod if the class is not in the image.
 *
 * <p>This is the one source of the rule. The lists are written once, as CEL list literals, because
 * an annotation can only hold constants: the CRD's admission rule is built from them, and the
 * operator's check (for objects admitted under an older CRD, which Helm never upgrades) parses the
 * same literals.
 */
public final class ForbiddenConfigKeys {

  /**
   * Keys forbidden by exact name: connection, group and (de)serializer keys Drover sets; keys that
   * name classes, which the operator cannot check against the image and which stop every pod when
   * wrong (Drover chooses the assignor, and its metrics come from its own registry); and {@code
   * config.providers}, which would let a ConsumerGroup read the pod's files.
   */
  public static final String KEYS_CEL =
      "['bootstrap.servers', 'group.id', 'group.instance.id', 'group.protocol',"
          + " 'group.remote.assignor', 'enable.auto.commit', 'key.deserializer',"
          + " 'value.deserializer', 'key.serializer', 'value.serializer', 'security.protocol',"
          + " 'partition.assignment.strategy', 'interceptor.classes', 'metric.reporters',"
          + " 'config.providers', 'partitioner.class']";

  /**
   * Key prefixes forbidden whole: every SASL and TLS setting comes from spec.sasl and spec.tls, and
   * share-group settings do not apply to the consumer groups Drover runs.
   */
  public static final String PREFIXES_CEL = "['sasl.', 'ssl.', 'share.']";

  private static final String IS_FORBIDDEN =
      "(k in " + KEYS_CEL + " || " + PREFIXES_CEL + ".exists(p, k.startsWith(p)))";

  /** The admission rule on {@code spec.config}. */
  public static final String RULE = "!self.exists(k, " + IS_FORBIDDEN + ")";

  /**
   * The admission message. It cannot name the offending key: a message expression that filters the
   * map costs more than the API server's CEL budget allows.
   */
  public static final String MESSAGE =
      "spec.config must not set "
          + KEYS_CEL
          + " or a key starting with "
          + PREFIXES_CEL
          + ": Drover sets connection, group, assignor and (de)serializer keys itself, security"
          + " settings come from spec.tls and spec.sasl, and class-naming keys are not supported";

  /** {@link #KEYS_CEL} as Java strings. */
  public static final Set<String> KEYS = Set.copyOf(parse(KEYS_CEL));

  /** {@link #PREFIXES_CEL} as Java strings. */
  public static final List<String> PREFIXES = parse(PREFIXES_CEL);

  private ForbiddenConfigKeys() {}

  /** Whether {@code spec.config} may not set {@code key}. */
  public static boolean isForbidden(String key) {
    return KEYS.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
  }

  private static List<String> parse(String celList) {
    String inner = celList.substring(celList.indexOf('[') + 1, celList.lastIndexOf(']'));
    return Arrays.stream(inner.split(","))
        .map(String::strip)
        .map(quoted -> quoted.substring(1, quoted.length() - 1))
        .collect(Collectors.toUnmodifiableList());
  }
}

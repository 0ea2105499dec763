package io.drover.runtime.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this pod is and which object its Events go on, as the operator passes it in the environment
 * (the pod's name and namespace through the downward API).
 *
 * @param ownerApiVersion the owning ConsumerGroup's apiVersion
 * @param ownerKind its kind
 * @param ownerName its name
 * @param ownerUid its uid
 * @param namespace the namespace of the pod and of its owner
 * @param podName this pod's name
 */
public record PodIdentity(
    String ownerApiVersion,
    String ownerKind,
    String ownerName,
    String ownerUid,
    String namespace,
    String podName) {

  /** The owning object's apiVersion. */
  public static final String OWNER_API_VERSION = "DROVER_OWNER_API_VERSION";

  /** The owning object's kind. */
  public static final String OWNER_KIND = "DROVER_OWNER_KIND";

  /** The owning object's name; its absence means "not in Kubernetes". */
  public static final String OWNER_NAME = "DROVER_OWNER_NAME";

  /** The owning object's uid. */
  public static final String OWNER_UID = "DROVER_OWNER_UID";

  /** The pod's namespace. */
  public static final String POD_NAMESPACE = "DROVER_POD_NAMESPACE";

  /** The pod's name. */
  public static final String POD_NAME = "DROVER_POD_NAME";

  private static final Logger LOG = LoggerFactory.getLogger(PodIdentity.class);

  private static final List<String> VARIABLES =
      List.of(OWNER_API_VERSION, OWNER_KIND, OWNER_NAME, OWNER_UID, POD_NAMESPACE, POD_NAME);

  /**
   * Reads the identity from the environment. Empty when {@code DROVER_OWNER_NAME} is unset (not in
   * Kubernetes), or when another variable is missing, which is logged with its name.
   */
  public static Optional<PodIdentity> fromEnvironment(Map<String, String> environment) {
    if (isBlank(environment.get(OWNER_NAME))) {
      return Optional.empty();
    }
    List<String> missing =
        VARIABLES.stream().filter(name -> isBlank(environment.get(name))).toList();
    if (!missing.isEmpty()) {
      LOG.warn(
          "Kubernetes Events are off: {} is set but {} is not; the operator sets all of {}",
          OWNER_NAME,
          String.join(", ", missing),
          String.join(", ", VARIABLES));
      return Optional.empty();
    }
    return Optional.of(
        new PodIdentity(
            environment.get(OWNER_API_VERSION),
            environment.get(OWNER_KIND),
            environment.get(OWNER_NAME),
            environment.get(OWNER_UID),
            environment.get(POD_NAMESPACE),
            environment.get(POD_NAME)));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

package io.drover.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes core/v1 Events on the owning ConsumerGroup: a create for the first occurrence, then a JSON
 * merge patch of {@code count}, {@code lastTimestamp} and {@code message}, as {@code kubectl
 * describe} shows them. The pod's ServiceAccount needs only {@code create} and {@code patch} on
 * {@code events} in its namespace.
 */
final class ApiEventWriter implements EventWriter {

  /** The Events' {@code source.component} and {@code reportingComponent}. */
  static final String COMPONENT = "drover-runtime";

  private final KubernetesClient client;
  private final PodIdentity pod;
  private final AtomicLong sequence = new AtomicLong();

  ApiEventWriter(KubernetesClient client, PodIdentity pod) {
    this.client = client;
    this.pod = pod;
  }

  @Override
  public String create(EventReason reason, String message, int count, Instant first, Instant last)
      throws EventWriteException {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(uniqueName(first))
            .withNamespace(pod.namespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(pod.ownerApiVersion())
            .withKind(pod.ownerKind())
            .withName(pod.ownerName())
            .withNamespace(pod.namespace())
            .withUid(pod.ownerUid())
            .endInvolvedObject()
            .withReason(reason.name())
            .withType(reason.type().value())
            .withMessage(message)
            .withCount(count)
            .withFirstTimestamp(timestamp(first))
            .withLastTimestamp(timestamp(last))
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(pod.podName())
            .build();
    try {
      return client
          .v1()
          .events()
          .inNamespace(pod.namespace())
          .resource(event)
          .create()
          .getMetadata()
          .getName();
    } catch (KubernetesClientException e) {
      throw failed("create", e);
    }
  }

  @Override
  public void update(String name, String message, int count, Instant last)
      throws EventWriteException {
    Map<String, Object> change =
        Map.of("count", count, "lastTimestamp", timestamp(last), "message", message);
    try {
      client
          .v1()
          .events()
          .inNamespace(pod.namespace())
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(change));
    } catch (KubernetesClientException e) {
      throw failed("patch", e);
    }
  }

  // Like client-go: the owner's name and a time-based suffix, unique per pod by the sequence.
  private String uniqueName(Instant first) {
    long nanos = first.getEpochSecond() * 1_000_000_000L + first.getNano();
    return pod.ownerName() + "." + Long.toHexString(nanos + sequence.incrementAndGet());
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static EventWriteException failed(String verb, KubernetesClientException e) {
    // The status message, never the request: a transport error's cause can quote headers.
    if (e.getCode() == 0) {
      return new EventWriteException(
          0,
          verb
              + " events: the API server could not be reached ("
              + e.getClass().getSimpleName()
              + ")");
    }
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getClass().getSimpleName();
    return new EventWriteException(
        e.getCode(), verb + " events answered " + e.getCode() + ": " + reason);
  }
}

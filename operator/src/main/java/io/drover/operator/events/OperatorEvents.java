package io.drover.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the operator writes Events. It remembers the last Event per object (by uid) and
 * writes nothing when the same reason and message come again, so a reconcile that runs again on an
 * unchanged invalid spec makes no new Event. A failed write is logged once and never fails the
 * reconcile.
 *
 * <p>The memory is one short string per ConsumerGroup that ever had an Event, kept until the
 * operator restarts; after a restart the current state is reported once more.
 */
public final class OperatorEvents {

  /** The Events' {@code source.component}. */
  public static final String COMPONENT = "drover-operator";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorEvents.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, String> lastByUid = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  public OperatorEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Writes an Event on the object unless the last one on it had the same reason and message. */
  public void record(HasMetadata object, OperatorEventReason reason, String message) {
    String uid = object.getMetadata().getUid();
    String key = reason + "\n" + message;
    if (Objects.equals(lastByUid.put(uid, key), key)) {
      return;
    }
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String namespace = object.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      object.getMetadata().getName()
                          + "."
                          + Long.toHexString(clock.millis() * 1000 + sequence.incrementAndGet()))
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(object.getApiVersion())
                  .withKind(object.getKind())
                  .withName(object.getMetadata().getName())
                  .withNamespace(namespace)
                  .withUid(uid)
                  .withResourceVersion(object.getMetadata().getResourceVersion())
                  .endInvolvedObject()
                  .withReason(reason.name())
                  .withType(reason.type())
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (failureLogged.compareAndSet(false, true)) {
        LOG.warn(
            "Event {} on {}/{} not written ({} {}); reconciling goes on. Further failures are"
                + " logged at debug",
            reason,
            namespace,
            object.getMetadata().getName(),
            e.getCode(),
            e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
      } else {
        LOG.debug("Event {} not written: {}", reason, e.getCode());
      }
    }
  }

  /** Returns whether the last Event on the object had this reason. */
  public boolean lastWas(HasMetadata object, OperatorEventReason reason) {
    String last = lastByUid.get(object.getMetadata().getUid());
    return last != null && last.startsWith(reason + "\n");
  }
}

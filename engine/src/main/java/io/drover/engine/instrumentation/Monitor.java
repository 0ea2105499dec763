package io.drover.engine.instrumentation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one instrumentation bus. Logs, metrics, Kubernetes Events and liveness are all subscribers.
 *
 * <p>Events are delivered synchronously, in subscription order. A listener that throws is logged
 * and skipped: instrumentation never breaks processing.
 */
public final class Monitor {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  private final Map<EventName, List<EventListener>> listeners = new EnumMap<>(EventName.class);

  /** Creates a monitor with no subscribers. */
  public Monitor() {
    for (EventName name : EventName.values()) {
      listeners.put(name, new CopyOnWriteArrayList<>());
    }
  }

  /**
   * Subscribes to an event by its dotted name, as in Karafka.
   *
   * @throws IllegalArgumentException if no event has that name
   */
  public void subscribe(String eventName, EventListener listener) {
    subscribe(EventName.of(eventName), listener);
  }

  /** Subscribes to an event. */
  public void subscribe(EventName eventName, EventListener listener) {
    listeners.get(eventName).add(listener);
  }

  /** Subscribes to every event. */
  public void subscribeAll(EventListener listener) {
    listeners.values().forEach(list -> list.add(listener));
  }

  /** Delivers an event to its subscribers. */
  public void publish(Event event) {
    for (EventListener listener : listeners.get(event.name())) {
      try {
        listener.on(event);
      } catch (VirtualMachineError e) {
        throw e; // the JVM itself is failing: nothing here can contain that
      } catch (Throwable e) {
        // A listener's bug, Errors included, must not stop the others or the thread publishing.
        LOG.warn("listener of {} failed: {}", event.name(), e.toString());
      }
    }
  }
}

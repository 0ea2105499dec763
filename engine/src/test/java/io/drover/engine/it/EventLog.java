package io.drover.engine.it;

import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Everything a monitor published, in order, with the time it was seen. */
final class EventLog {

  /**
   * One published event.
   *
   * @param event the event
   * @param nanos when it was published ({@link System#nanoTime()})
   */
  record Seen(Event event, long nanos) {}

  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

  EventLog(Monitor monitor) {
    monitor.subscribeAll(event -> seen.add(new Seen(event, System.nanoTime())));
  }

  <E extends Event> List<E> all(Class<E> type) {
    return seen.stream().map(Seen::event).filter(type::isInstance).map(type::cast).toList();
  }

  <E extends Event> List<Seen> seen(Class<E> type) {
    return seen.stream().filter(s -> type.isInstance(s.event())).toList();
  }
}

package io.drover.runtime.events;

import io.drover.engine.instrumentation.EventName;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.timetrackers.MonotonicClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A monitor subscriber that writes Events on the owning ConsumerGroup.
 *
 * <p>The engine's threads only translate and enqueue; one writer thread talks to the API, so a slow
 * or refusing API server never slows consumption. Repeats of the same occurrence (same reason,
 * partition and error class) within {@link #AGGREGATION_WINDOW} update one Event's count instead of
 * creating new ones, and a {@link WriteBudget} bounds the writes per pod. A failed write is logged
 * once and dropped; the next repeat tries again.
 */
public final class KubernetesEventRecorder implements AutoCloseable {

  /** Writes a pod may make at once. */
  public static final int BURST = 25;

  /** How often a spent budget earns one more write. */
  public static final Duration REFILL_INTERVAL = Duration.ofSeconds(10);

  /** How long after its last write an Event still takes repeats; after that a new one starts. */
  public static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);

  /** Occurrences waiting for the writer; more are counted as dropped. */
  static final int QUEUE_CAPACITY = 1_024;

  /** Distinct aggregates remembered; the oldest is forgotten first. */
  static final int MAX_AGGREGATES = 512;

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  private static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

  private final EventWriter writer;
  private final Clock clock;
  private final WriteBudget budget;
  private final BlockingQueue<Occurrence> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Map<String, Aggregate> aggregates =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Aggregate> eldest) {
          return size() > MAX_AGGREGATES;
        }
      };
  private final AtomicBoolean dropLogged = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean closing;
  private boolean failureLogged;

  KubernetesEventRecorder(EventWriter writer, Clock clock, WriteBudget budget) {
    this.writer = writer;
    this.clock = clock;
    this.budget = budget;
    this.thread = new Thread(this::run, "drover-kubernetes-events");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a recorder writing through the client, with the default burst and refill. */
  public static KubernetesEventRecorder start(KubernetesClient client, PodIdentity pod) {
    return new KubernetesEventRecorder(
        new ApiEventWriter(client, pod),
        Clock.systemUTC(),
        new WriteBudget(MonotonicClock.SYSTEM, BURST, REFILL_INTERVAL));
  }

  /**
   * Subscribes to the events {@link Occurrences} turns into Events; consumed batches, the busiest
   * event, stay off this path.
   */
  public void attachTo(Monitor monitor) {
    for (EventName name : Occurrences.SOURCES) {
      monitor.subscribe(name, event -> Occurrences.of(event).ifPresent(this::record));
    }
  }

  /** Queues an occurrence; never blocks. */
  public void record(Occurrence occurrence) {
    if (!queue.offer(occurrence) && dropLogged.compareAndSet(false, true)) {
      LOG.warn(
          "Kubernetes Events fall behind: more than {} wait to be written; dropping the rest",
          QUEUE_CAPACITY);
    }
  }

  /**
   * Writes what is pending, ignoring the budget, then stops the writer. Waits at most the timeout,
   * so that a stuck API server cannot hold the pod's exit.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }

  /** Like {@link #close()}, with a chosen bound. */
  public void close(Duration timeout) {
    closing = true;
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      boolean last = false;
      while (!last) {
        Occurrence next = queue.poll(FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        while (next != null) {
          aggregate(next);
          next = queue.poll();
        }
        last = closing;
        flush(last);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void aggregate(Occurrence occurrence) {
    Instant now = clock.instant();
    Aggregate aggregate = aggregates.get(occurrence.key());
    if (aggregate == null || aggregate.expired(now)) {
      aggregate = new Aggregate(occurrence.reason(), now);
      aggregates.put(occurrence.key(), aggregate);
    }
    aggregate.count++;
    aggregate.last = now;
    aggregate.message = occurrence.message();
  }

  private void flush(boolean ignoreBudget) {
    Iterator<Aggregate> pending = aggregates.values().iterator();
    while (pending.hasNext()) {
      Aggregate aggregate = pending.next();
      if (aggregate.written == aggregate.count) {
        continue;
      }
      if (!ignoreBudget && !budget.tryTake()) {
        return;
      }
      write(aggregate);
    }
  }

  private void write(Aggregate aggregate) {
    try {
      if (aggregate.name != null) {
        try {
          writer.update(aggregate.name, aggregate.message, aggregate.count, aggregate.last);
          aggregate.written = aggregate.count;
          return;
        } catch (EventWriteException e) {
          if (!e.gone()) {
            throw e;
          }
        }
      }
      aggregate.name =
          writer.create(
              aggregate.reason,
              aggregate.message,
              aggregate.count,
              aggregate.first,
              aggregate.last);
      aggregate.written = aggregate.count;
    } catch (EventWriteException e) {
      // Dropped, not retried: retrying a refused write would only spend the budget. The next
      // repeat writes the whole count again.
      aggregate.written = aggregate.count;
      logFailure(e);
    }
  }

  private void logFailure(EventWriteException e) {
    if (failureLogged) {
      LOG.debug("Kubernetes Event not written: {}", e.getMessage());
      return;
    }
    failureLogged = true;
    String hint =
        e.status() == 403
            ? "; the pod's ServiceAccount needs create and patch on events in its namespace"
            : "";
    LOG.warn(
        "Kubernetes Event not written ({}{}). Consumption is not affected; further failures are"
            + " logged at debug",
        e.getMessage(),
        hint);
  }

  /** One Event's worth of repeats. Touched only by the writer thread. */
  private static final class Aggregate {
    private final EventReason reason;
    private final Instant first;
    private Instant last;
    private String message;
    private String name;
    private int count;
    private int written;

    private Aggregate(EventReason reason, Instant first) {
      this.reason = reason;
      this.first = first;
      this.last = first;
    }

    private boolean expired(Instant now) {
      return written == count && last.plus(AGGREGATION_WINDOW).isBefore(now);
    }
  }
}

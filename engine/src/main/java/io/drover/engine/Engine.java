package io.drover.engine;

import io.drover.engine.config.EngineConfig;
import io.drover.engine.config.EngineContract;
import io.drover.engine.config.InvalidConfigurationException;
import io.drover.engine.connection.Client;
import io.drover.engine.connection.KafkaProperties;
import io.drover.engine.connection.Listener;
import io.drover.engine.dlq.DeadLetterDispatcher;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.LoggingListener;
import io.drover.engine.instrumentation.MetricsListener;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.processing.Coordinators;
import io.drover.engine.processing.ErrorPolicy;
import io.drover.engine.processing.JobResult;
import io.drover.engine.processing.Jobs;
import io.drover.engine.processing.OffsetCommitter;
import io.drover.engine.processing.Pauses;
import io.drover.engine.processing.ResultHandler;
import io.drover.engine.processing.WorkerPool;
import io.drover.engine.timetrackers.MonotonicClock;
import io.drover.engine.timetrackers.PollTracker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One consumer group member: a poll loop on its own thread and a bounded worker pool.
 *
 * <pre>{@code
 * Engine engine = Engine.builder(config, partition -> new OrdersConsumer()).build();
 * engine.start();
 * ...
 * ShutdownOutcome outcome = engine.stop();
 * }</pre>
 */
public final class Engine implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final EngineConfig config;
  private final Monitor monitor;
  private final Client client;
  private final Listener listener;
  private final PollTracker pollTracker;
  private final DeadLetterDispatcher deadLetters;
  private final Thread loop;
  private volatile boolean started;
  private ShutdownOutcome outcome;

  private Engine(Builder builder) {
    this.config = builder.config;
    this.monitor = builder.monitor;
    this.client = new Client(builder.kafkaConsumer.apply(KafkaProperties.consumer(config)));
    this.pollTracker = new PollTracker(builder.clock, config.livenessTimeout());
    this.deadLetters =
        config
            .deadLetterPolicy()
            .map(
                dlq ->
                    new DeadLetterDispatcher(
                        dlq.topic(),
                        config.groupId(),
                        Duration.ofSeconds(30),
                        () ->
                            builder.deadLetterProducer.apply(
                                KafkaProperties.deadLetterProducer(config))))
            .orElse(null);
    Queue<JobResult> results = new ConcurrentLinkedQueue<>();
    java.util.function.Consumer<JobResult> onResult =
        result -> {
          results.add(result);
          client.wakeup();
        };
    WorkerPool pool =
        builder.workers == null
            ? new WorkerPool(config.concurrency(), onResult)
            : new WorkerPool(builder.workers.get(), onResult);
    Jobs jobs = new Jobs(monitor, builder.lifecycle, deadLetters, builder.clock);
    OffsetCommitter committer =
        new OffsetCommitter(client, monitor, builder.clock, config.commitInterval());
    ErrorPolicy errorPolicy = ErrorPolicy.from(config, builder.random);
    Pauses pauses = new Pauses(monitor, errorPolicy);
    ResultHandler resultHandler =
        new ResultHandler(
            client, monitor, builder.lifecycle, errorPolicy, pauses, committer, pool, jobs);
    this.listener =
        new Listener(
            new Listener.Wiring(
                config,
                client,
                new Coordinators(),
                results,
                resultHandler,
                pauses,
                committer,
                jobs,
                pool,
                builder.factory,
                monitor,
                builder.lifecycle,
                pollTracker,
                builder.clock));
    this.loop = new Thread(listener, "drover-poll-loop-" + config.groupId());
  }

  /** Returns a builder for an engine running {@code factory}'s consumers under {@code config}. */
  public static Builder builder(EngineConfig config, ConsumerFactory factory) {
    return new Builder(config, factory);
  }

  /** Joins the group and starts consuming, on the engine's own thread. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the engine has already been started");
    }
    started = true;
    loop.start();
  }

  /**
   * Stops gracefully: stops fetching, lets in-flight batches finish, calls {@code shutdown()} on
   * every consumer, commits, and leaves the group. Blocks until done or until {@code
   * shutdownTimeout} has passed; calling it again returns the same outcome.
   */
  public synchronized ShutdownOutcome stop() {
    if (outcome != null) {
      return outcome;
    }
    if (started) {
      listener.requestStop();
      join(config.shutdownTimeout().plus(STOP_GRACE));
      outcome = listener.outcome();
      if (outcome == null) {
        // The loop itself is stuck (in Kafka or a rebalance callback); give up on it.
        monitor.publish(
            new Event.ErrorOccurred(
                ErrorType.APP_SHUTDOWN,
                new TimeoutException("the poll loop did not stop within shutdownTimeout"),
                this,
                null,
                -1,
                0));
        outcome = ShutdownOutcome.TIMED_OUT;
      }
    } else {
      client.close(Duration.ZERO);
      outcome = ShutdownOutcome.CLEAN;
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    return outcome;
  }

  /**
   * Runs the poll loop on the calling thread until it ends, and returns how it ended. The engine's
   * simulation drives it this way, one thread for the loop, the workers and the world.
   */
  ShutdownOutcome runOnCallingThread() {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("the engine has already been started");
      }
      started = true;
    }
    listener.run();
    outcome = listener.outcome();
    if (deadLetters != null) {
      deadLetters.close();
    }
    return outcome;
  }

  /** Asks the poll loop to stop without waiting for it; see {@link #runOnCallingThread()}. */
  void requestStop() {
    listener.requestStop();
  }

  /** Stops the engine; see {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Returns whether the poll loop is alive: it turned recently, or the engine is draining. */
  public boolean healthy() {
    return pollTracker.healthy();
  }

  /**
   * Returns what the engine knows of its connection to the cluster: only {@link
   * ClusterState#CONNECTED} can consume. Readiness probes should follow it.
   */
  public ClusterState clusterState() {
    return listener.clusterState();
  }

  /** Returns whether the engine was started and its poll loop has not ended. */
  public boolean running() {
    return started && loop.isAlive();
  }

  /** Waits until the poll loop has ended, after a stop or after a failed start. */
  public void awaitTermination() throws InterruptedException {
    loop.join();
  }

  /** Returns the instrumentation bus, to subscribe to. */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * Returns the Kafka consumer, for binding its client metrics (its {@code metrics()} method is
   * safe to call from any thread). Never call anything else on it.
   */
  public Consumer<byte[], byte[]> kafkaConsumer() {
    return client.kafkaConsumer();
  }

  /** Returns the configuration. */
  public EngineConfig config() {
    return config;
  }

  private void join(Duration timeout) {
    try {
      loop.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds an {@link Engine}; only the configuration and the consumer factory are required. */
  public static final class Builder {
    private final EngineConfig config;
    private final ConsumerFactory factory;
    private Monitor monitor = new Monitor();
    private Lifecycle lifecycle = new Lifecycle();
    private MonotonicClock clock = MonotonicClock.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private MeterRegistry meterRegistry;
    private String consumerGroupLabel;
    private boolean logging = true;
    private Supplier<ExecutorService> workers;
    private Function<Map<String, Object>, Consumer<byte[], byte[]>> kafkaConsumer =
        KafkaConsumer::new;
    private Function<Map<String, Object>, Producer<byte[], byte[]>> deadLetterProducer =
        KafkaProducer::new;

    private Builder(EngineConfig config, ConsumerFactory factory) {
      this.config = config;
      this.factory = factory;
    }

    /** Uses {@code value} as the instrumentation bus (a new one by default). */
    public Builder monitor(Monitor value) {
      monitor = value;
      return this;
    }

    /** Uses {@code value} for lifecycle hooks (none by default). */
    public Builder lifecycle(Lifecycle value) {
      lifecycle = value;
      return this;
    }

    /** Uses {@code value} as the clock (the system's by default). */
    public Builder clock(MonotonicClock value) {
      clock = value;
      return this;
    }

    /** Uses {@code value} for back-off jitter. */
    public Builder random(DoubleSupplier value) {
      random = value;
      return this;
    }

    /** Publishes the engine's metrics to {@code value}. */
    public Builder meterRegistry(MeterRegistry value) {
      meterRegistry = value;
      return this;
    }

    /**
     * Names the group in the metrics' {@value MetricsListener#GROUP_LABEL} label; the Kafka group
     * id unless set. The runtime sets its ConsumerGroup's name, as the operator's metrics do.
     */
    public Builder consumerGroupLabel(String value) {
      consumerGroupLabel = value;
      return this;
    }

    /** Turns the one-line logging listener on (the default) or off. */
    public Builder logging(boolean value) {
      logging = value;
      return this;
    }

    /** Creates the Kafka consumer from its properties ({@link KafkaConsumer} by default). */
    public Builder kafkaConsumer(Function<Map<String, Object>, Consumer<byte[], byte[]>> value) {
      kafkaConsumer = value;
      return this;
    }

    /** Creates the dead-letter producer ({@link KafkaProducer} by default). */
    public Builder deadLetterProducer(
        Function<Map<String, Object>, Producer<byte[], byte[]>> value) {
      deadLetterProducer = value;
      return this;
    }

    /** Runs jobs on {@code value}'s executor instead of the engine's own worker threads. */
    Builder workers(Supplier<ExecutorService> value) {
      workers = value;
      return this;
    }

    /**
     * Checks the configuration and builds the engine.
     *
     * @throws InvalidConfigurationException listing every violation
     */
    public Engine build() {
      EngineContract.enforce(config);
      if (logging) {
        new LoggingListener().attachTo(monitor);
      }
      if (meterRegistry != null) {
        new MetricsListener(
                meterRegistry, consumerGroupLabel == null ? config.groupId() : consumerGroupLabel)
            .attachTo(monitor);
      }
      return new Engine(this);
    }
  }
}

package io.drover.runtime;

import io.drover.engine.ShutdownOutcome;
import io.drover.runtime.config.ConfigLoader;
import io.drover.runtime.config.InvalidRuntimeConfigException;
import io.drover.runtime.consumers.ConsumerLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every consumer pod.
 *
 * <p>Usage: {@code Main [config-file]}; the file defaults to {@code $DROVER_CONFIG}, then {@code
 * /etc/drover/runtime.yaml}. Consumer jars are read from {@code $DROVER_PLUGIN_DIR}, by default
 * {@code /opt/drover/plugins}. SIGTERM stops gracefully; the exit codes are in {@link ExitCode}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String DEFAULT_CONFIG = "/etc/drover/runtime.yaml";
  private static final String DEFAULT_PLUGINS = "/opt/drover/plugins";

  /** The longest a SIGTERM during the start waits for it to finish before exiting. */
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private Main() {}

  /** The runtime once started; null if it could not start. */
  private static final CompletableFuture<ConsumerRuntime> STARTED = new CompletableFuture<>();

  /** Set before an exit of our own, so that the SIGTERM hook leaves its code alone. */
  private static volatile boolean exiting;

  /** Runs until SIGTERM, or exits at once when it cannot start. */
  public static void main(String[] args) {
    // Before anything else: a SIGTERM that comes while the runtime starts must still end with a
    // documented code, not the JVM's 143.
    Thread sigterm = new Thread(Main::onSigterm, "drover-sigterm");
    Runtime.getRuntime().addShutdownHook(sigterm);
    ExitCode code = run(args, sigterm);
    exiting = true;
    System.exit(code.code());
  }

  static ExitCode run(String[] args, Thread sigterm) {
    ExitCode code = start(args, sigterm);
    STARTED.complete(null); // no-op once started
    return code;
  }

  private static ExitCode start(String[] args, Thread sigterm) {
    Path configFile = Path.of(args.length > 0 ? args[0] : env("DROVER_CONFIG", DEFAULT_CONFIG));
    LOG.info("starting with {}", configFile);
    ConfigLoader.Loaded config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (InvalidRuntimeConfigException e) {
      // A message a person can act on; a stack trace would only bury it.
      System.err.println(e.getMessage());
      return ExitCode.START_FAILED;
    }
    ConsumerRuntime runtime;
    try {
      runtime = ConsumerRuntime.start(config, Path.of(env("DROVER_PLUGIN_DIR", DEFAULT_PLUGINS)));
    } catch (ConsumerLoadException | IOException e) {
      System.err.println("cannot start: " + e.getMessage());
      return ExitCode.START_FAILED;
    }
    LOG.info("health and metrics on port {}", runtime.port());
    STARTED.complete(runtime);
    try {
      runtime.awaitTermination();
      if (runtime.stopRequested()) {
        // A SIGTERM ended the engine; its hook exits with the stop's code.
        sigterm.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Reached only when the engine ended by itself; a SIGTERM exits from the hook instead.
    LOG.error("the engine stopped without being asked to; exiting");
    return ExitCode.ENGINE_STOPPED;
  }

  private static void onSigterm() {
    if (exiting) {
      return; // our own System.exit: its code stands
    }
    ConsumerRuntime runtime;
    try {
      runtime = STARTED.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      runtime = null;
    }
    if (runtime == null) {
      LOG.info("stopped before the start finished; nothing was consumed; exiting with 0");
      Runtime.getRuntime().halt(ExitCode.OK.code());
    }
    stop(runtime);
  }

  private static void stop(ConsumerRuntime runtime) {
    ShutdownOutcome outcome = runtime.stop();
    ExitCode code =
        switch (outcome) {
          case CLEAN -> ExitCode.OK;
          case TIMED_OUT -> ExitCode.SHUTDOWN_TIMED_OUT;
          case FAILED -> ExitCode.ENGINE_STOPPED;
        };
    LOG.info("exiting with {} ({})", code.code(), code);
    System.out.flush();
    System.err.flush();
    // The JVM would report a SIGTERM exit as 143; halt sets the documented code instead.
    Runtime.getRuntime().halt(code.code());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

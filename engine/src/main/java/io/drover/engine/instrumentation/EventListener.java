package io.drover.engine.instrumentation;

/** Receives the events it subscribed to, on the thread that published them. */
@FunctionalInterface
public interface EventListener {

  /** Handles one event; it must be quick, as it runs on the engine's threads. */
  void on(Event event);
}

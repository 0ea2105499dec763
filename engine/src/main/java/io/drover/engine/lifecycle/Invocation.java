package io.drover.engine.lifecycle;

/** The wrapped stage, or the next around hook. */
@FunctionalInterface
public interface Invocation {

  /** Carries on with the stage. */
  void proceed() throws Exception;
}

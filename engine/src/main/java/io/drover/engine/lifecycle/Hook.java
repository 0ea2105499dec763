package io.drover.engine.lifecycle;

/** A hook that runs before or after a stage. */
@FunctionalInterface
public interface Hook {

  /** Runs the hook; an exception propagates into the stage, as if the stage itself had thrown. */
  void call(HookContext context) throws Exception;
}

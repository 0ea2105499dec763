package io.drover.engine.lifecycle;

/**
 * A hook that wraps a stage. It must call {@code next.proceed()} for the stage to happen; a hook
 * that does not call through skips the stage.
 */
@FunctionalInterface
public interface AroundHook {

  /** Runs the hook around {@code next}. */
  void call(HookContext context, Invocation next) throws Exception;
}

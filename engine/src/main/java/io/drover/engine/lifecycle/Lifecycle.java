package io.drover.engine.lifecycle;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Before, after and around callbacks on the engine's stages, in the spirit of Delayed::Job's {@code
 * Delayed::Worker.lifecycle}: for a stage, every before hook runs, then the around hooks wrap the
 * stage (the first registered is the outermost), then every after hook runs. After hooks run even
 * when an around hook did not call through, and not when the stage threw.
 */
public final class Lifecycle {

  private final Map<Stage, Callbacks> callbacks = new EnumMap<>(Stage.class);

  /** Creates a lifecycle with no hooks. */
  public Lifecycle() {
    for (Stage stage : Stage.values()) {
      callbacks.put(stage, new Callbacks());
    }
  }

  /** Adds a hook that runs before {@code stage}. */
  public Lifecycle before(Stage stage, Hook hook) {
    callbacks.get(stage).before.add(hook);
    return this;
  }

  /** Adds a hook that runs after {@code stage}. */
  public Lifecycle after(Stage stage, Hook hook) {
    callbacks.get(stage).after.add(hook);
    return this;
  }

  /** Adds a hook that wraps {@code stage}. */
  public Lifecycle around(Stage stage, AroundHook hook) {
    callbacks.get(stage).around.add(hook);
    return this;
  }

  /** Runs {@code stage} inside its hooks. */
  public void run(HookContext context, Invocation stage) throws Exception {
    Callbacks hooks = callbacks.get(context.stage());
    if (hooks.isEmpty()) {
      stage.proceed();
      return;
    }
    for (Hook hook : hooks.before) {
      hook.call(context);
    }
    wrap(hooks.around, 0, context, stage).proceed();
    for (Hook hook : hooks.after) {
      hook.call(context);
    }
  }

  private static Invocation wrap(
      List<AroundHook> arounds, int index, HookContext context, Invocation stage) {
    if (index == arounds.size()) {
      return stage;
    }
    Invocation inner = wrap(arounds, index + 1, context, stage);
    return () -> arounds.get(index).call(context, inner);
  }

  /** The hooks of one stage. */
  private static final class Callbacks {
    final List<Hook> before = new CopyOnWriteArrayList<>();
    final List<Hook> after = new CopyOnWriteArrayList<>();
    final List<AroundHook> around = new CopyOnWriteArrayList<>();

    boolean isEmpty() {
      return before.isEmpty() && after.isEmpty() && around.isEmpty();
    }
  }
}

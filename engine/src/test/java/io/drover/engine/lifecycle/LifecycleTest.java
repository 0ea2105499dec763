package io.drover.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hooks run in Delayed::Job's order: before, then arounds wrapping the stage (first registered
 * outermost), then after; an around that does not call through skips the stage.
 */
class LifecycleTest {

  private final List<String> calls = new ArrayList<>();
  private final Lifecycle lifecycle = new Lifecycle();

  @Test
  void runsBeforeAroundAndAfterInOrder() throws Exception {
    lifecycle
        .before(Stage.CONSUME, c -> calls.add("before"))
        .around(
            Stage.CONSUME,
            (c, next) -> {
              calls.add("outer in");
              next.proceed();
              calls.add("outer out");
            })
        .around(
            Stage.CONSUME,
            (c, next) -> {
              calls.add("inner in");
              next.proceed();
              calls.add("inner out");
            })
        .after(Stage.CONSUME, c -> calls.add("after"));

    lifecycle.run(HookContext.of(Stage.CONSUME), () -> calls.add("stage"));

    assertThat(calls)
        .containsExactly(
            "before", "outer in", "inner in", "stage", "inner out", "outer out", "after");
  }

  @Test
  void anAroundThatDoesNotCallThroughSkipsTheStage() throws Exception {
    lifecycle.around(Stage.LOOP, (c, next) -> calls.add("swallowed"));

    lifecycle.run(HookContext.of(Stage.LOOP), () -> calls.add("stage"));

    assertThat(calls).containsExactly("swallowed");
  }

  @Test
  void hooksOnlyRunForTheirStage() throws Exception {
    lifecycle.before(Stage.SHUTDOWN, c -> calls.add("shutdown hook"));

    lifecycle.run(HookContext.of(Stage.START), () -> calls.add("start"));

    assertThat(calls).containsExactly("start");
  }

  @Test
  void anErrorInTheStageSkipsAfterHooksAndPropagates() {
    lifecycle.after(Stage.ERROR, c -> calls.add("after"));

    assertThatThrownBy(
            () ->
                lifecycle.run(
                    HookContext.of(Stage.ERROR),
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(calls).isEmpty();
  }
}

package io.drover.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final WriteBudget budget = new WriteBudget(nanos::get, 3, Duration.ofSeconds(10));

  @Test
  void allowsABurstThenOneWritePerInterval() {
    assertThat(takes(5)).isEqualTo(3);

    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(takes(1)).isZero();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(takes(5)).isEqualTo(1);
  }

  @Test
  void neverSavesUpMoreThanTheBurst() {
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(takes(10)).isEqualTo(3);
  }

  private int takes(int tries) {
    int taken = 0;
    for (int i = 0; i < tries; i++) {
      if (budget.tryTake()) {
        taken++;
      }
    }
    return taken;
  }
}

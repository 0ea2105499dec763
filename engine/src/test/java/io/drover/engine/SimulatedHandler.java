package io.drover.engine;

import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/**
 * The user's consumer in a simulated run. It processes and marks each message in turn; a poison
 * record fails every time (with an exception, an {@code Error}, or a non-retryable exception), and
 * other records fail once where the cluster says so. Now and then it pauses itself, Karafka's way:
 * handle what came before, pause at a message, return.
 */
final class SimulatedHandler extends BaseConsumer {

  private final SimulatedWorld world;
  private final SimulatedCluster cluster;
  private final Ledger ledger;

  SimulatedHandler(SimulatedWorld world, SimulatedCluster cluster, Ledger ledger) {
    this.world = world;
    this.cluster = cluster;
    this.ledger = ledger;
  }

  @Override
  public void consume(Messages messages) throws Exception {
    TopicPartition partition = new TopicPartition(topic(), partition());
    world.note(
        "consume "
            + partition
            + " ["
            + messages.first().offset()
            + ".."
            + messages.last().offset()
            + "] attempt "
            + attempt());
    for (Message message : messages) {
      long offset = message.offset();
      SimulatedCluster.Poison poison = cluster.poison(partition, offset);
      if (poison != null) {
        ledger.attempted(partition, offset);
        world.note(
            "consume fails at poison " + partition + "@" + offset + " (attempt " + attempt() + ")");
        switch (poison) {
          case EXCEPTION -> throw new IllegalStateException("simulated poison");
          case ERROR -> throw new SimulatedError();
          case NON_RETRYABLE -> throw new NonRetryablePoison();
        }
      }
      if (cluster.failsThisOnce(partition, offset)) {
        ledger.attempted(partition, offset);
        world.note("consume fails once at " + partition + "@" + offset);
        if (world.random().nextBoolean()) {
          throw new SimulatedError();
        }
        throw new IllegalStateException("simulated failure");
      }
      if (world.strikes(world.schedule().pauseRate())) {
        Duration timeout = Duration.ofMillis(50 + world.random().nextInt(3000));
        world.note("consumer pauses " + partition + " at " + offset + " for " + timeout);
        pause(offset, timeout);
        return;
      }
      ledger.processed(partition, offset);
      markAsConsumed(message);
    }
  }

  @Override
  public void revoked() {
    if (world.strikes(world.schedule().failureRate())) {
      throw new SimulatedError();
    }
  }

  @Override
  public void shutdown() {
    if (world.strikes(world.schedule().failureRate())) {
      throw new IllegalStateException("simulated shutdown failure");
    }
  }

  /** An {@code Error} from user code, which the engine must contain like any exception. */
  static final class SimulatedError extends Error {
    SimulatedError() {
      super("simulated error");
    }
  }

  /** A failure configured as not worth retrying. */
  static final class NonRetryablePoison extends Exception {
    NonRetryablePoison() {
      super("simulated non-retryable poison");
    }
  }
}

package io.drover.engine.it;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import java.util.Queue;

/**
 * A consumer that records every delivery, runs a script per message, and marks each message once
 * the script returns, so a failure's seek offset is the failing message itself.
 */
class ScriptedConsumer extends BaseConsumer {

  /** What to do with one message; throw to fail the batch. */
  @FunctionalInterface
  interface Script {
    void onMessage(ScriptedConsumer consumer, Message message) throws Exception;
  }

  private final Queue<Delivery> deliveries;
  private final Script script;

  ScriptedConsumer(Queue<Delivery> deliveries, Script script) {
    this.deliveries = deliveries;
    this.script = script;
  }

  @Override
  public void consume(Messages messages) throws Exception {
    for (Message message : messages) {
      deliveries.add(
          new Delivery(
              message.partition(),
              message.offset(),
              message.valueAsString(),
              attempt(),
              System.nanoTime()));
      script.onMessage(this, message);
      markAsConsumed(message);
    }
  }
}

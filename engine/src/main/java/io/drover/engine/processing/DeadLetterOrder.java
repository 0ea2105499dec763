package io.drover.engine.processing;

import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;

/**
 * A decision to dead-letter a message, kept by its partition until the write is acknowledged. Once
 * made, a failed write is retried as a write: the consumer never gets the message again, so it gets
 * exactly the attempts the policy allows.
 *
 * @param messages the batch the message failed in
 * @param message the message to write to the dead-letter topic
 * @param attempts the attempt count when it was given up (see DeadLetterHeaders.ATTEMPTS)
 * @param cause the last error it caused
 * @param failedWrites how many writes of it have failed so far
 */
public record DeadLetterOrder(
    Messages messages, Message message, int attempts, Throwable cause, int failedWrites) {

  /** Returns this order after one more failed write. */
  public DeadLetterOrder failedAgain() {
    return new DeadLetterOrder(messages, message, attempts, cause, failedWrites + 1);
  }
}

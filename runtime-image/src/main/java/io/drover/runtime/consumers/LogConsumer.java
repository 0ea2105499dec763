package io.drover.runtime.consumers;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in consumer for demos: logs where each message came from and how big it is. It never
 * logs a key or a payload, which may hold personal data or secrets.
 */
public final class LogConsumer extends BaseConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(LogConsumer.class);

  @Override
  public void consume(Messages messages) {
    for (Message message : messages) {
      LOG.info(
          "{} value {} bytes, {} headers",
          message,
          message.value() == null ? 0 : message.value().length,
          message.headers().toArray().length);
    }
  }
}

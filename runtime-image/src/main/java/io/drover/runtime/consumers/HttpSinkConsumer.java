package io.drover.runtime.consumers;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;

/**
 * The built-in HTTP sink, for consumers in any language: POSTs each message of a batch, in order,
 * as a CloudEvent, and marks it as consumed once the endpoint has accepted it (see {@link
 * HttpSink}). A failure leaves the rest of the batch unmarked, so it is retried from there.
 */
public final class HttpSinkConsumer extends BaseConsumer {

  private final HttpSink sink;

  /** Creates a consumer on a sink shared by all partitions, so that connections are reused. */
  public HttpSinkConsumer(HttpSink sink) {
    this.sink = sink;
  }

  @Override
  public void consume(Messages messages) throws Exception {
    for (Message message : messages) {
      sink.deliver(message);
      markAsConsumed(message);
    }
  }
}

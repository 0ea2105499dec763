package io.drover.engine.dlq;

import io.drover.engine.DeadLetterDetails;
import io.drover.engine.messages.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Writes a given-up message to the dead-letter topic and waits for the broker's acknowledgement, so
 * that the message is marked as consumed only once it is safe elsewhere.
 */
public final class DeadLetterDispatcher implements AutoCloseable {

  private final String topic;
  private final String groupId;
  private final Duration timeout;
  private final Supplier<Producer<byte[], byte[]>> producerFactory;
  private final Map<Origin, Future<RecordMetadata>> unacknowledged = new ConcurrentHashMap<>();
  private Producer<byte[], byte[]> producer;

  /**
   * Creates a dispatcher; its producer is created on first use, as most runs never need it.
   *
   * @param topic the dead-letter topic
   * @param groupId the consumer group, recorded in a header
   * @param timeout the longest wait for the acknowledgement
   * @param producerFactory creates the producer
   */
  public DeadLetterDispatcher(
      String topic,
      String groupId,
      Duration timeout,
      Supplier<Producer<byte[], byte[]>> producerFactory) {
    this.topic = topic;
    this.groupId = groupId;
    this.timeout = timeout;
    this.producerFactory = producerFactory;
  }

  /** Returns the dead-letter topic. */
  public String topic() {
    return topic;
  }

  /**
   * Writes {@code message} with its key, value and headers plus the dead-letter headers, and waits
   * for the acknowledgement, all within the timeout. If an earlier write of the same message timed
   * out, it is waited on again (or, if it failed, replaced) rather than written a second time.
   *
   * @throws Exception when the broker did not acknowledge the write in time
   */
  public void dispatch(Message message, Throwable cause, int attempts) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Origin origin = new Origin(message.topic(), message.partition(), message.offset());
    // A write that timed out may still land. Wait on it again rather than write a second copy.
    Future<RecordMetadata> write = unacknowledged.remove(origin);
    if (write == null || (write.isDone() && !succeeded(write))) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, null, message.key(), message.value(), message.headers());
      addHeaders(record.headers(), message, cause, attempts);
      write = producer().send(record);
    }
    try {
      write.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception failure ? failure : e;
    } catch (TimeoutException e) {
      unacknowledged.put(origin, write);
      throw new TimeoutException(
          "dead-letter topic " + topic + " did not acknowledge within " + timeout);
    }
  }

  /** Whether a finished write was acknowledged. */
  private static boolean succeeded(Future<RecordMetadata> write) {
    try {
      write.get();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | CancellationException e) {
      return false;
    }
  }

  /** Where a dead letter came from: the key of a write still waiting for its acknowledgement. */
  private record Origin(String topic, int partition, long offset) {}

  private void addHeaders(Headers headers, Message message, Throwable cause, int attempts) {
    add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, message.topic());
    add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(message.partition()));
    add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(message.offset()));
    add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(message.timestamp()));
    add(headers, DeadLetterHeaders.CONSUMER_GROUP, groupId);
    add(headers, DeadLetterHeaders.EXCEPTION_CLASS, cause.getClass().getName());
    add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, bounded(cause.getMessage()));
    add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
    for (Throwable e = cause; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof DeadLetterDetails details) {
        details.deadLetterHeaders().forEach((name, value) -> add(headers, name, value));
      }
    }
  }

  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= DeadLetterHeaders.MAX_EXCEPTION_MESSAGE
        ? text
        : text.substring(0, DeadLetterHeaders.MAX_EXCEPTION_MESSAGE);
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = producerFactory.get();
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(timeout);
    }
  }
}

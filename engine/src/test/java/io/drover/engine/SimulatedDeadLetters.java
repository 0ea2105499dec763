package io.drover.engine;

import io.drover.engine.dlq.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic of a simulated run: a write fails as the schedule says (or always, once its
 * member is fenced); one that lands is entered in the ledger under its original offset.
 */
final class SimulatedDeadLetters extends MockProducer<byte[], byte[]> {

  private final SimulatedWorld world;
  private final Ledger ledger;
  private final SimulatedConsumer member;

  SimulatedDeadLetters(SimulatedWorld world, Ledger ledger, SimulatedConsumer member) {
    super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    this.world = world;
    this.ledger = ledger;
    this.member = member;
  }

  @Override
  public synchronized Future<RecordMetadata> send(
      ProducerRecord<byte[], byte[]> record, Callback callback) {
    TopicPartition origin =
        new TopicPartition(
            header(record, DeadLetterHeaders.ORIGINAL_TOPIC),
            Integer.parseInt(header(record, DeadLetterHeaders.ORIGINAL_PARTITION)));
    long offset = Long.parseLong(header(record, DeadLetterHeaders.ORIGINAL_OFFSET));
    if (member.fenced() || world.strikes(world.schedule().deadLetterFailureRate())) {
      world.note("dead-letter write fails: " + origin + "@" + offset);
      return CompletableFuture.failedFuture(new TimeoutException("simulated: topic unavailable"));
    }
    world.note(
        "dead-lettered "
            + origin
            + "@"
            + offset
            + " after "
            + header(record, DeadLetterHeaders.ATTEMPTS)
            + " attempts");
    ledger.deadLettered(origin, offset, member, member.ownsForRunningJob(origin));
    return super.send(record, callback);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

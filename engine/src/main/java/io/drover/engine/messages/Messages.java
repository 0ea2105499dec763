package io.drover.engine.messages;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A batch: consecutive messages of one topic-partition, in offset order.
 *
 * @param topic the topic of every message
 * @param partition the partition of every message
 * @param list the messages, never empty
 */
public record Messages(String topic, int partition, List<Message> list)
    implements Iterable<Message> {

  /** Checks that the batch is not empty. */
  public Messages {
    if (list.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one message");
    }
  }

  /** Returns the number of messages. */
  public int size() {
    return list.size();
  }

  /** Returns the first message. */
  public Message first() {
    return list.get(0);
  }

  /** Returns the last message. */
  public Message last() {
    return list.get(list.size() - 1);
  }

  /** Returns the message at {@code offset}, or null when the batch does not hold it. */
  public Message at(long offset) {
    long index = offset - first().offset();
    // Offsets in a batch are increasing but may have gaps (compaction, transaction markers).
    if (index >= 0 && index < list.size() && list.get((int) index).offset() == offset) {
      return list.get((int) index);
    }
    return list.stream().filter(m -> m.offset() == offset).findFirst().orElse(null);
  }

  /** Returns the messages as a stream. */
  public Stream<Message> stream() {
    return list.stream();
  }

  @Override
  public Iterator<Message> iterator() {
    return list.iterator();
  }

  /** Describes the coordinates, never the payloads. */
  @Override
  public String toString() {
    return topic + "-" + partition + "@" + first().offset() + ".." + last().offset();
  }
}

package io.drover.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * What the world saw happen to every record of a simulated run, and the invariants checked as it
 * happens: each record is processed or dead-lettered, first in offset order; a commit never passes
 * a record that is neither; a dead letter is written once, for a record that earned it.
 */
final class Ledger {

  private final SimulatedWorld world;
  private final Map<TopicPartition, TreeSet<Long>> done = new HashMap<>();
  private final Map<TopicPartition, Map<Long, Integer>> attempts = new HashMap<>();
  private final Map<TopicPartition, Map<Long, DeadLetter>> deadLetters = new HashMap<>();
  private int excusedDuplicates;
  private final List<String> violations = new ArrayList<>();

  Ledger(SimulatedWorld world) {
    this.world = world;
  }

  /** The first offset of {@code partition} that is neither processed nor dead-lettered. */
  long frontier(TopicPartition partition) {
    TreeSet<Long> offsets = done.computeIfAbsent(partition, p -> new TreeSet<>());
    long next = 0;
    for (long offset : offsets) {
      if (offset != next) {
        break;
      }
      next++;
    }
    return next;
  }

  /** A consumer processed the record at {@code offset}: its side effects happened. */
  void processed(TopicPartition partition, long offset) {
    if (done.computeIfAbsent(partition, p -> new TreeSet<>()).contains(offset)) {
      return; // a redelivery: at least once
    }
    long frontier = frontier(partition);
    if (offset != frontier) {
      violation(
          "%s-%d processed for the first time while %d is not done", partition, offset, frontier);
    }
    done.get(partition).add(offset);
  }

  /** A consumer call failed at {@code offset}. */
  void attempted(TopicPartition partition, long offset) {
    attempts.computeIfAbsent(partition, p -> new HashMap<>()).merge(offset, 1, Integer::sum);
  }

  /** How many consumer calls failed at {@code offset}. */
  int attempts(TopicPartition partition, long offset) {
    return attempts.getOrDefault(partition, Map.of()).getOrDefault(offset, 0);
  }

  /**
   * The dead-letter topic acknowledged a copy of the record at {@code offset}, written by {@code
   * writer}. A second copy is allowed only if the first one's member could not have committed past
   * it: the write landed after the partition had left that member, the member lost the partition or
   * died, or a commit that would have covered it failed.
   */
  void deadLettered(TopicPartition partition, long offset, Object writer, boolean owned) {
    DeadLetter previous = deadLetters.computeIfAbsent(partition, p -> new HashMap<>()).get(offset);
    TreeSet<Long> doneHere = done.computeIfAbsent(partition, p -> new TreeSet<>());
    boolean copy = previous != null || doneHere.contains(offset);
    if (copy && (!owned || previous == null || previous.excused)) {
      excusedDuplicates++;
    } else if (copy) {
      violation(
          "%s-%d dead-lettered again, though its first copy could have been committed",
          partition, offset);
    } else if (offset != frontier(partition)) {
      violation("%s-%d dead-lettered while %d is not done", partition, offset, frontier(partition));
    }
    doneHere.add(offset);
    deadLetters.get(partition).put(offset, new DeadLetter(writer, !owned));
  }

  /** A commit by {@code writer} failed: the dead letters it would have covered may come again. */
  void commitFailed(Object writer, Map<TopicPartition, ?> offsets) {
    excuse(writer, offsets.keySet());
  }

  /** {@code writer} lost {@code partitions} (or died) without committing them. */
  void writerGone(Object writer, Collection<TopicPartition> partitions) {
    excuse(writer, partitions);
  }

  private void excuse(Object writer, Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      for (DeadLetter copy : deadLetters.getOrDefault(partition, Map.of()).values()) {
        if (copy.writer == writer) {
          copy.excused = true;
        }
      }
    }
  }

  /** How many dead letters were written twice for a reason the engine cannot prevent. */
  int excusedDuplicates() {
    return excusedDuplicates;
  }

  /** One record's latest dead-letter copy. */
  private static final class DeadLetter {
    final Object writer;
    boolean excused;

    DeadLetter(Object writer, boolean late) {
      this.writer = writer;
      this.excused = late;
    }
  }

  /** Whether the record at {@code offset} was dead-lettered. */
  boolean isDeadLettered(TopicPartition partition, long offset) {
    return deadLetters.getOrDefault(partition, Map.of()).containsKey(offset);
  }

  /** The broker accepted a commit of {@code offset}. */
  void committed(TopicPartition partition, long offset) {
    long frontier = frontier(partition);
    if (offset > frontier) {
      violation(
          "%s committed at %d while %d is neither processed nor dead-lettered",
          partition, offset, frontier);
    }
  }

  void violation(String format, Object... args) {
    String line = String.format(format, args);
    world.note("VIOLATION " + line);
    violations.add(line);
  }

  List<String> violations() {
    return violations;
  }
}

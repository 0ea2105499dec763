package io.drover.engine.processing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The coordinators of the partitions assigned to this process. Used by the poll thread only. */
public final class Coordinators {

  private final Map<TopicPartition, Coordinator> byPartition = new HashMap<>();

  /** Adds the coordinator of a newly assigned partition. */
  public void add(Coordinator coordinator) {
    byPartition.put(coordinator.partition(), coordinator);
  }

  /** Returns the coordinator of {@code partition}, or null if it is not assigned. */
  public Coordinator get(TopicPartition partition) {
    return byPartition.get(partition);
  }

  /** Returns whether {@code coordinator} still serves its partition (it was not revoked). */
  public boolean isCurrent(Coordinator coordinator) {
    return byPartition.get(coordinator.partition()) == coordinator;
  }

  /** Returns the coordinators of those of {@code partitions} that are assigned. */
  public List<Coordinator> of(Collection<TopicPartition> partitions) {
    List<Coordinator> found = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Coordinator coordinator = byPartition.get(partition);
      if (coordinator != null) {
        found.add(coordinator);
      }
    }
    return found;
  }

  /** Removes the given partitions. */
  public void removeAll(Collection<TopicPartition> partitions) {
    partitions.forEach(byPartition::remove);
  }

  /** Forgets every partition. */
  public void clear() {
    byPartition.clear();
  }

  /** Returns every coordinator. */
  public Collection<Coordinator> all() {
    return byPartition.values();
  }

  /** Returns whether any partition has a job in flight. */
  public boolean anyBusy() {
    return byPartition.values().stream().anyMatch(Coordinator::busy);
  }
}

package io.drover.engine.connection;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Passes rebalance callbacks on, and tells the cluster watch that the member has joined its group
 * whenever an assignment arrives (Kafka calls it after every join, even with no partitions).
 */
final class JoinNoticing implements ConsumerRebalanceListener {

  private final ConsumerRebalanceListener delegate;
  private final ClusterWatch clusterWatch;

  JoinNoticing(ConsumerRebalanceListener delegate, ClusterWatch clusterWatch) {
    this.delegate = delegate;
    this.clusterWatch = clusterWatch;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    clusterWatch.joined();
    delegate.onPartitionsAssigned(partitions);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    delegate.onPartitionsRevoked(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    delegate.onPartitionsLost(partitions);
  }
}

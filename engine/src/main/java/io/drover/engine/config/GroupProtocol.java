package io.drover.engine.config;

/** The consumer group rebalance protocol. */
public enum GroupProtocol {
  /** The classic protocol, with the cooperative-sticky assignor by default. */
  CLASSIC,
  /** The KIP-848 protocol ({@code group.protocol=consumer}): the broker assigns partitions. */
  CONSUMER
}

/** The poll loop, the one class that talks to the Kafka consumer, and rebalance handling. */
package io.drover.engine.connection;

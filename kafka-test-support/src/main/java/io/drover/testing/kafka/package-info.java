/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) for tests and the
 * local sandbox, and the client helpers tests use against it.
 *
 * <p>Use {@link io.drover.testing.kafka.SharedKafkaBroker#get()} for ordinary tests and {@link
 * io.drover.testing.kafka.KafkaBroker#start(java.nio.file.Path)} for fault tests that stop, restart
 * or kill the broker.
 */
package io.drover.testing.kafka;

package io.drover.testing.kafka;

import java.nio.file.Path;

/** Renders the {@code server.properties} of a single-node KRaft broker on loopback. */
final class BrokerProperties {

  private BrokerProperties() {}

  static String render(int brokerPort, int controllerPort, Path logDir) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDir.toAbsolutePath(),
        // Tests create every topic they use, as production clusters usually demand.
        "auto.create.topics.enable=false",
        "num.partitions=1",
        // A single node cannot hold the default three replicas of the internal topics; consumer
        // groups hang with INVALID_REPLICATION_FACTOR otherwise.
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=8",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // The default 3 s delay before the first rebalance only slows tests down.
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  static String log4j2() {
    // The broker writes to stdout, which KafkaBroker redirects to a file in its directory. WARN
    // keeps that file small enough to print its tail when something goes wrong.
    return String.join(
        "\n",
        "status = warn",
        "appender.console.type = Console",
        "appender.console.name = STDOUT",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.stdout.ref = STDOUT",
        "");
  }
}

package io.drover.testing.kafka;

import java.nio.file.Path;

/** Renders the {@code server.properties} of a single-node KRaft broker on loopback. */
final class BrokerProperties {

  private BrokerProperties() {}

  /** The one SASL/PLAIN user of the SASL listener; it has no ACLs, so it may not consume. */
  static final String SASL_USER = "drover";

  /** Its password. */
  static final String SASL_PASSWORD = "drover-test-password";

  static String render(
      int brokerPort, int saslPort, int sslPort, int controllerPort, TlsMaterial tls, Path logDir) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",SASL_PLAINTEXT://127.0.0.1:"
            + saslPort
            + ",SSL://127.0.0.1:"
            + sslPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",SASL_PLAINTEXT://127.0.0.1:"
            + saslPort
            + ",SSL://127.0.0.1:"
            + sslPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,"
            + "SSL:SSL,CONTROLLER:PLAINTEXT",
        // A mutual-TLS listener: a client certificate signed by the test authority is required,
        // and the one it issues (User:CN=drover-mtls) is a super user.
        "listener.name.ssl.ssl.client.auth=required",
        "listener.name.ssl.ssl.keystore.type=PEM",
        "listener.name.ssl.ssl.keystore.location=" + tls.brokerKeyAndCertificate().toAbsolutePath(),
        "listener.name.ssl.ssl.truststore.type=PEM",
        "listener.name.ssl.ssl.truststore.location=" + tls.caCertificate().toAbsolutePath(),
        // A SASL listener whose one user has no ACLs: tests of refused logins and refused access.
        // PLAINTEXT clients are ANONYMOUS, a super user, so nothing else changes for them.
        "sasl.enabled.mechanisms=PLAIN",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config="
            + "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + SASL_USER
            + "=\""
            + SASL_PASSWORD
            + "\";",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users=User:ANONYMOUS;User:" + TlsMaterial.CLIENT_SUBJECT,
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

package io.drover.engine.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.engine.BaseConsumer;
import io.drover.engine.Engine;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real PostgreSQL whose sessions are killed server-side: outside a transaction the
 * resource reconnects, retries the call and reports the reconnect; inside one it never reconnects
 * on its own but fails, and the engine retries the whole batch on a fresh connection, so every
 * message is written exactly once.
 */
class ResourceGuardIT {

  private static PostgresServer postgres;
  private final Monitor monitor = new Monitor();
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private ManagedResource<Connection> database() {
    monitor.subscribeAll(events::add);
    return JdbcConnector.resource(
        "orders-db", postgres.dataSource(), new ReconnectPolicy(3, Duration.ofMillis(10)), monitor);
  }

  @Test
  void outsideATransactionALostConnectionIsReestablishedAndTheCallRetried() throws Exception {
    try (ManagedResource<Connection> database = database()) {
      int before = database.call(ResourceGuardIT::backendPid);

      postgres.terminate(before);
      int after = database.call(ResourceGuardIT::backendPid);

      assertThat(after).isNotEqualTo(before);
      assertThat(events)
          .filteredOn(Event.ResourceReconnected.class::isInstance)
          .singleElement()
          .isEqualTo(
              new Event.ResourceReconnected("orders-db", 1, "org.postgresql.util.PSQLException"));
      assertThat(database.healthy()).isTrue();
    }
  }

  @Test
  void insideATransactionALostConnectionFailsTheCallAndIsNotRetried() throws Exception {
    String table = table();
    try (ManagedResource<Connection> database = database()) {
      database.call(c -> execute(c, "CREATE TABLE " + table + " (v text)"));
      database.begin();
      database.call(c -> execute(c, "INSERT INTO " + table + " VALUES ('first')"));
      postgres.terminate(database.call(ResourceGuardIT::backendPid));

      assertThatThrownBy(
              () -> database.call(c -> execute(c, "INSERT INTO " + table + " VALUES ('second')")))
          .isInstanceOf(ResourceUnavailableException.class)
          .hasMessageContaining("inside a transaction");

      assertThat(database.inTransaction()).isFalse();
      assertThat(events).noneMatch(Event.ResourceReconnected.class::isInstance);
      assertThat(rows(database, table)).isEmpty();
    }
  }

  @Test
  void aCommitThatFailsLeavesNoTransactionBehindForLaterCalls() throws Exception {
    String table = table();
    try (ManagedResource<Connection> database = database()) {
      database.call(
          c ->
              execute(
                  c, "CREATE TABLE " + table + " (v text UNIQUE DEFERRABLE INITIALLY DEFERRED)"));
      database.begin();
      database.call(c -> execute(c, "INSERT INTO " + table + " VALUES ('twice'), ('twice')"));

      // The deferred constraint is checked at COMMIT, which fails without a connection error.
      assertThatThrownBy(database::commit).isInstanceOf(SQLException.class);
      database.call(c -> execute(c, "INSERT INTO " + table + " VALUES ('after')"));

      // Seen from another session: the later call was committed, not left in a transaction.
      try (Connection other = postgres.dataSource().getConnection();
          ResultSet rows = other.createStatement().executeQuery("SELECT v FROM " + table)) {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        assertThat(values).containsExactly("after");
      }
    }
  }

  @Test
  void theEngineRetriesTheWholeBatchOnAFreshConnection() throws Exception {
    String table = table();
    String topic = "resources-" + UUID.randomUUID();
    String group = topic + "-group";
    AtomicBoolean killed = new AtomicBoolean();
    try (ManagedResource<Connection> database = database();
        KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      database.call(c -> execute(c, "CREATE TABLE " + table + " (v text)"));
      kafka.createTopic(topic, 1);
      kafka.produce(
          topic,
          List.of(TestRecord.of("k", "a"), TestRecord.of("k", "b"), TestRecord.of("k", "c")));
      BaseConsumer writer =
          new BaseConsumer() {
            @Override
            public void consume(Messages messages) throws Exception {
              database.transaction(
                  connection -> {
                    for (Message message : messages) {
                      execute(
                          connection,
                          "INSERT INTO " + table + " VALUES ('" + message.valueAsString() + "')");
                      if (killed.compareAndSet(false, true)) {
                        postgres.terminate(backendPid(connection));
                      }
                    }
                    return null;
                  });
            }
          };
      EngineConfig config =
          EngineConfig.builder()
              .bootstrapServers(SharedKafkaBroker.get().bootstrapServers())
              .groupId(group)
              .topics(topic)
              .pauseTimeout(Duration.ofMillis(50))
              .commitInterval(Duration.ofMillis(100))
              .build();

      try (Engine engine = Engine.builder(config, tp -> writer).monitor(monitor).build()) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    kafka.committedOffsets(group).values().stream().anyMatch(o -> o.offset() == 3));
      }

      assertThat(rows(database, table)).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(events)
          .filteredOn(Event.ErrorOccurred.class::isInstance)
          .map(Event.ErrorOccurred.class::cast)
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.type()).isEqualTo(ErrorType.CONSUMER_CONSUME);
                assertThat(error.error()).isInstanceOf(ResourceUnavailableException.class);
              });
    }
  }

  private static String table() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (ResultSet result = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      result.next();
      return result.getInt(1);
    }
  }

  private static Void execute(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }

  private static List<String> rows(ManagedResource<Connection> database, String table)
      throws Exception {
    return database.call(
        connection -> {
          List<String> values = new ArrayList<>();
          try (ResultSet result =
              connection.createStatement().executeQuery("SELECT v FROM " + table)) {
            while (result.next()) {
              values.add(result.getString(1));
            }
          }
          return values;
        });
  }
}

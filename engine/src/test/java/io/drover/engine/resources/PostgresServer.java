package io.drover.engine.resources;

import io.drover.testing.kafka.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A private PostgreSQL server on a free loopback port, from Debian's {@code postgresql} package
 * ({@code scripts/test.sh} installs it). It exists so the resource guard meets a real dropped
 * connection: {@code pg_terminate_backend} kills a session server-side, as a failover or an idle
 * timeout would.
 */
final class PostgresServer implements AutoCloseable {

  private static final String USER = "drover";

  private final Path bin;
  private final Path data;
  private final int port;

  private PostgresServer(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  static PostgresServer start() throws IOException, InterruptedException {
    Path bin = findBinaries();
    Path data = Files.createTempDirectory("drover-pg-");
    int port = FreePort.onLoopback();
    PostgresServer server = new PostgresServer(bin, data, port);
    server.asOwner("chown", "-R", "postgres", data.toString());
    server.run(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER);
    server.run(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-o",
        "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1",
        "-l",
        data.resolve("server.log").toString(),
        "-w",
        "start");
    return server;
  }

  PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    dataSource.setUser(USER);
    dataSource.setConnectTimeout(5);
    return dataSource;
  }

  /** Kills the session with backend process id {@code pid} from a second session. */
  void terminate(int pid) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        var statement = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      statement.setInt(1, pid);
      statement.execute();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    try (Stream<Path> paths = Files.walk(data)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Path findBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "PostgreSQL is not installed: run scripts/test.sh, which installs Debian's postgresql");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
    }
  }

  /** Runs a PostgreSQL tool; as root it runs as the postgres user, since initdb refuses root. */
  private void run(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    exec(full);
  }

  private void asOwner(String... command) throws IOException, InterruptedException {
    if ("root".equals(System.getProperty("user.name"))) {
      exec(List.of(command));
    }
  }

  private void exec(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("drover-pg-tool-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + readQuietly(log));
    }
    Files.deleteIfExists(log);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.drover.testing.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A native server process (etcd, the API server) that cannot outlive the JVM that started it. It
 * runs under a small shell that holds the JVM's end of a pipe on its stdin: when the pipe closes,
 * because {@link #stop()} closed it or because the JVM died for any reason (kill -9 included), the
 * shell stops the server.
 */
final class ChildProcess implements AutoCloseable {

  /**
   * Runs the server; a background reader of the saved stdin (fd 3: a background job's own stdin is
   * /dev/null) kills it at end of input; the shell exits when the server does.
   */
  private static final String WATCHDOG =
      "exec 3<&0; \"$@\" & child=$!;"
          + " (cat <&3 >/dev/null; kill \"$child\" 2>/dev/null) & wait \"$child\"";

  private final String name;
  private final Process shell;
  private final Path log;

  private ChildProcess(String name, Process shell, Path log) {
    this.name = name;
    this.shell = shell;
    this.log = log;
  }

  /** Starts {@code command}, its output going to {@code log}. */
  static ChildProcess start(String name, List<String> command, Path log) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", WATCHDOG, name));
    wrapped.addAll(command);
    try {
      Process shell =
          new ProcessBuilder(wrapped)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ChildProcess(name, shell, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
    }
  }

  /** Whether the server is still running: the shell lives exactly as long as it does. */
  boolean isAlive() {
    return shell.isAlive();
  }

  /** Where its output goes. */
  Path log() {
    return log;
  }

  /** Stops it: SIGTERM, then SIGKILL after {@code graceSeconds}. */
  void stop(long graceSeconds) {
    try {
      shell.getOutputStream().close();
      if (!shell.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
        shell.waitFor(graceSeconds, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop(10);
  }

  @Override
  public String toString() {
    return name + " (log: " + log + ")";
  }
}

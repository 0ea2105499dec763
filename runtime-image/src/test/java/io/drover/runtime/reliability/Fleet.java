package io.drover.runtime.reliability;

import static org.awaitility.Awaitility.await;

import io.drover.runtime.RuntimeProcess;
import io.drover.testing.kafka.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The members of one consumer group, each a real runtime process started through the image's
 * entrypoint, as a Deployment keeps them: a member that dies or stops is replaced by a new one.
 */
final class Fleet implements AutoCloseable {

  private final Path directory;
  private final String configTemplate;
  private final List<RuntimeProcess> members = new ArrayList<>();
  private final List<Integer> cleanExitCodes = new ArrayList<>();
  private final List<String> retiredOutput = new ArrayList<>();
  private final List<Checker.Fault> kills = new ArrayList<>();
  private final Map<String, String> environment;
  private int started;

  /**
   * @param configTemplate the runtime file, with {@code %d} where the member's HTTP port goes
   * @param environment added to every member's environment
   */
  Fleet(Path directory, String configTemplate, int size, Map<String, String> environment)
      throws IOException {
    this.directory = directory;
    this.configTemplate = configTemplate;
    this.environment = Map.copyOf(environment);
    for (int i = 0; i < size; i++) {
      members.add(startOne());
    }
  }

  private RuntimeProcess startOne() throws IOException {
    Path config = directory.resolve("member-" + started++ + ".yaml");
    Files.writeString(config, configTemplate.formatted(FreePort.onLoopback()));
    return RuntimeProcess.start(config, environment);
  }

  int size() {
    return members.size();
  }

  /** SIGKILLs member {@code i} and starts its replacement at once. */
  void killAndReplace(int i) throws IOException, InterruptedException {
    RuntimeProcess member = members.get(i);
    kills.add(new Checker.Fault("kill -9", System.currentTimeMillis()));
    member.kill();
    member.awaitExit(Duration.ofSeconds(10));
    retire(member);
    members.set(i, startOne());
  }

  /**
   * SIGTERMs member {@code i}, waits for it to exit, and starts its replacement. As a rolling
   * update does, it stops a member only once that member runs: a SIGTERM in the JVM's first
   * fraction of a second, before the runtime's code runs, ends the process with the JVM's own 143.
   */
  void stopAndReplace(int i) throws IOException, InterruptedException {
    RuntimeProcess member = members.get(i);
    await().atMost(Duration.ofSeconds(60)).until(() -> member.output().contains("starting with"));
    member.terminate();
    cleanExitCodes.add(member.awaitExit(Duration.ofSeconds(60)));
    retire(member);
    members.set(i, startOne());
  }

  /** Starts one more member, which joins the group. */
  void add() throws IOException {
    members.add(startOne());
  }

  /** SIGTERMs the newest member and waits for it to leave; nothing replaces it. */
  void removeNewest() throws IOException, InterruptedException {
    RuntimeProcess member = members.remove(members.size() - 1);
    await().atMost(Duration.ofSeconds(60)).until(() -> member.output().contains("starting with"));
    member.terminate();
    cleanExitCodes.add(member.awaitExit(Duration.ofSeconds(60)));
    retire(member);
  }

  /** When each SIGKILL was sent. */
  List<Checker.Fault> kills() {
    return List.copyOf(kills);
  }

  /** The exit codes of the members stopped with SIGTERM. */
  List<Integer> cleanExitCodes() {
    return List.copyOf(cleanExitCodes);
  }

  private void retire(RuntimeProcess member) throws IOException {
    retiredOutput.add(member.output());
    member.close();
  }

  /** Everything every member wrote, retired ones first, for a failing run's report. */
  List<String> outputs() throws IOException {
    List<String> all = new ArrayList<>(retiredOutput);
    for (RuntimeProcess member : members) {
      all.add(member.output());
    }
    return all;
  }

  /** Stops every member with SIGTERM and records the exit codes. */
  @Override
  public void close() throws IOException, InterruptedException {
    for (RuntimeProcess member : members) {
      member.terminate();
    }
    for (RuntimeProcess member : members) {
      cleanExitCodes.add(member.awaitExit(Duration.ofSeconds(60)));
      retire(member);
    }
    members.clear();
  }
}

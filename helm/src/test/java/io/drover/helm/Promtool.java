package io.drover.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's promtool. */
final class Promtool {

  /**
   * What a promtool run printed and how it exited.
   *
   * @param exitCode the exit code
   * @param output stdout and stderr together
   */
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Result run(Path workingDirectory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish in 60 s: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}

package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shell script of the project parses ({@code bash -n}) and passes shellcheck: the kind suite
 * cannot run on the build machines, so this is what can be checked of it here.
 */
class ShellScriptsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static Stream<Path> scripts() throws IOException {
    List<Path> scripts = new ArrayList<>(List.of(ROOT.resolve(".ci/run")));
    for (String dir : List.of("scripts", "e2e-tests/kind")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
        files.filter(f -> f.toString().endsWith(".sh")).forEach(scripts::add);
      }
    }
    scripts.add(ROOT.resolve("runtime-image/src/main/jib/app/bin/drover-runtime"));
    scripts.add(ROOT.resolve("operator/src/main/jib/app/bin/drover-operator"));
    assertThat(scripts).contains(ROOT.resolve("e2e-tests/kind/run.sh"));
    return scripts.stream();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void parsesAndPassesShellcheck(Path script) throws Exception {
    String shell = Files.readAllLines(script).get(0).contains("bash") ? "bash" : "sh";
    assertThat(run(shell, "-n", script.toString())).isEmpty();
    assertThat(run("shellcheck", "--severity=style", script.toString())).isEmpty();
  }

  /** Runs a command and returns its output when it fails, or an empty string when it passes. */
  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0 ? "" : String.join(" ", command) + "\n" + output;
  }
}

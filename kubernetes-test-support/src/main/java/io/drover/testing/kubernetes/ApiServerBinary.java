package io.drover.testing.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code apiextensions-apiserver} binary, in this order: the path in {@value #PATH_ENV};
 * the per-user cache ({@code $XDG_CACHE_HOME/drover} or {@code ~/.cache/drover}); otherwise it is
 * built into that cache by {@code scripts/build-apiserver.sh} from Debian's packages, once per
 * machine.
 */
public final class ApiServerBinary {

  /** The Kubernetes version the build script and the cache name refer to. */
  public static final String VERSION = "1.36.4";

  /** An explicit path to the binary; it wins over the cache. */
  public static final String PATH_ENV = "DROVER_APISERVER_BIN";

  static final String FILE_NAME = "apiextensions-apiserver-" + VERSION + "-linux-amd64";

  private static final long BUILD_TIMEOUT_MINUTES = 30;

  private ApiServerBinary() {}

  /** Returns the binary, building it into the cache first if needed. */
  public static synchronized Path locate() {
    return locate(System.getenv());
  }

  static Path locate(Map<String, String> env) {
    return find(env).orElseGet(() -> build(cacheDirectory(env).resolve(FILE_NAME)));
  }

  /** Returns the binary if it is already there (named by the variable, or cached); never builds. */
  public static Optional<Path> find() {
    return find(System.getenv());
  }

  static Optional<Path> find(Map<String, String> env) {
    Optional<Path> explicit = Optional.ofNullable(env.get(PATH_ENV)).map(Path::of);
    if (explicit.isPresent()) {
      if (!Files.isExecutable(explicit.get())) {
        throw new IllegalStateException(
            PATH_ENV + " names " + explicit.get() + ", which is not an executable file");
      }
      return explicit;
    }
    Path cached = cacheDirectory(env).resolve(FILE_NAME);
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }

  /** The per-user cache directory, following the XDG base directory convention. */
  public static Path cacheDirectory(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("drover");
  }

  private static Path build(Path target) {
    Path script = projectRoot().resolve("scripts/build-apiserver.sh");
    System.err.printf(
        "No %s in %s: building it from Debian's packages with %s (once per machine: about 5"
            + " minutes and 324 MB of downloads). Set %s to use a binary you have.%n",
        FILE_NAME, target.getParent(), script, PATH_ENV);
    try {
      Process build =
          new ProcessBuilder("bash", script.toString(), target.toString()).inheritIO().start();
      if (!build.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        build.destroyForcibly();
        throw new IllegalStateException(
            script + " did not finish in " + BUILD_TIMEOUT_MINUTES + " minutes");
      }
      if (build.exitValue() != 0 || !Files.isExecutable(target)) {
        throw new IllegalStateException(
            script + " failed with exit code " + build.exitValue() + "; its output is above");
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the API server", e);
    }
  }

  /** The checkout's root: the first directory upwards from here that holds the build script. */
  private static Path projectRoot() {
    String configured = System.getProperty("drover.root");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("scripts/build-apiserver.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find scripts/build-apiserver.sh above " + Path.of("").toAbsolutePath());
  }
}

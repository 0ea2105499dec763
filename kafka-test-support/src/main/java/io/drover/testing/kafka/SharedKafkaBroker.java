package io.drover.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one broker a test JVM shares: started on first use, stopped when the JVM exits.
 *
 * <p>Tests on the shared broker must use their own topic and group names. A test that stops,
 * restarts or kills a broker starts its own with {@link KafkaBroker#start(Path)}.
 */
public final class SharedKafkaBroker {

  private static KafkaBroker broker;

  private SharedKafkaBroker() {}

  /** Returns the shared broker, starting it on first call. */
  public static synchronized KafkaBroker get() {
    if (broker == null) {
      Path directory = createDirectory();
      KafkaBroker started = KafkaBroker.start(directory);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteRecursively(directory);
                  },
                  "shared-kafka-broker-stop"));
      broker = started;
    }
    return broker;
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("drover-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the broker has already stopped.
    }
  }
}

package io.drover.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@link LocalStack} per test JVM: the broker and operator take seconds to start, and each test
 * works in its own namespace and topics. Stopped by a shutdown hook.
 */
final class SharedStack {

  private static LocalStack stack;

  private SharedStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      try {
        Path work = Files.createTempDirectory("drover-e2e");
        stack = LocalStack.start(work, Path.of(System.getProperty("runtime.home")));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return stack;
  }
}

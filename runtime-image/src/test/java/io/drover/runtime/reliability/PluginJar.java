package io.drover.runtime.reliability;

import io.drover.runtime.reliability.plugin.ErrorThrowingConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs {@link ErrorThrowingConsumer}, compiled with the tests, as a plugin jar for the runtime.
 */
final class PluginJar {

  static final String CLASS_NAME = ErrorThrowingConsumer.class.getName();

  private PluginJar() {}

  /** Writes the jar into {@code directory}, the runtime's plugin directory, and returns it. */
  static Path writeInto(Path directory) throws IOException {
    String entry = CLASS_NAME.replace('.', '/') + ".class";
    Path jar = directory.resolve("error-throwing-consumer.jar");
    try (InputStream bytes =
            ErrorThrowingConsumer.class.getClassLoader().getResourceAsStream(entry);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}

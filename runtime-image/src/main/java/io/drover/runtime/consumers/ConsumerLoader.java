package io.drover.runtime.consumers;

import io.drover.engine.BaseConsumer;
import io.drover.engine.ConsumerFactory;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads a user's consumer class from the jars in the plugin directory (in the image: {@code
 * /opt/drover/plugins}), and makes one instance per partition with its no-argument constructor.
 */
public final class ConsumerLoader {

  private ConsumerLoader() {}

  /**
   * Returns a factory of {@code className} instances.
   *
   * @throws ConsumerLoadException with a message a person can act on
   */
  public static ConsumerFactory load(String className, Path pluginDirectory)
      throws ConsumerLoadException {
    ClassLoader loader = pluginLoader(pluginDirectory);
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConsumerLoadException(
          "consumer class "
              + className
              + " is not in any jar of "
              + pluginDirectory
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    if (!BaseConsumer.class.isAssignableFrom(type)) {
      throw new ConsumerLoadException(
          "consumer class " + className + " does not extend " + BaseConsumer.class.getName());
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new ConsumerLoadException(
          "consumer class " + className + " needs a public constructor without arguments");
    }
    return partition -> {
      try {
        return (BaseConsumer) constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot create " + className + " for " + partition, e.getCause());
      }
    };
  }

  private static ClassLoader pluginLoader(Path directory) throws ConsumerLoadException {
    List<URL> jars = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
          jars.add(jar.toUri().toURL());
        }
      } catch (MalformedURLException e) {
        throw new ConsumerLoadException("bad jar path in " + directory + ": " + e.getMessage());
      } catch (IOException e) {
        throw new ConsumerLoadException("cannot list " + directory + ": " + e.getMessage());
      }
    }
    return new URLClassLoader(jars.toArray(URL[]::new), ConsumerLoader.class.getClassLoader());
  }
}

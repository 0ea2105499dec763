package io.drover.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drover.engine.config.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the runtime configuration file (YAML; JSON is YAML too) and checks it. Every problem is
 * collected with its path, unknown keys and wrong types included, before anything is reported.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * A checked configuration: the file as written, and the engine configuration built from it.
   *
   * @param file the file's contents
   * @param engine the engine configuration, defaults applied and secrets resolved
   */
  public record Loaded(RuntimeConfig file, EngineConfig engine) {}

  /**
   * Reads and checks {@code file}.
   *
   * @param environment the process environment, for secrets named by environment variable
   * @throws InvalidRuntimeConfigException listing every problem, when there is any
   */
  public static Loaded load(Path file, Map<String, String> environment)
      throws InvalidRuntimeConfigException {
    List<Violation> violations = new ArrayList<>();
    RuntimeConfig config = parse(file, violations);
    EngineConfig engine = null;
    if (config != null) {
      violations.addAll(RuntimeContract.validate(config));
      if (config.kafka() != null) {
        engine = EngineConfigFactory.build(config, environment, violations);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidRuntimeConfigException(file, violations);
    }
    return new Loaded(config, engine);
  }

  private static RuntimeConfig parse(Path file, List<Violation> violations) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      violations.add(new Violation("(file)", "does not exist"));
      return null;
    } catch (IOException e) {
      violations.add(new Violation("(file)", "cannot be read: " + e.getMessage()));
      return null;
    }
    if (text.isBlank()) {
      violations.add(new Violation("(file)", "is empty"));
      return null;
    }
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addHandler(new CollectingHandler(violations));
    try {
      UnknownKeys.find(mapper.readTree(text), RuntimeConfig.class, "", violations);
      RuntimeConfig config = mapper.readValue(text, RuntimeConfig.class);
      if (config == null) {
        violations.add(new Violation("(file)", "is empty"));
      }
      return config;
    } catch (JsonProcessingException e) {
      violations.add(new Violation(pathOf(e.getProcessor()), e.getOriginalMessage()));
      return null;
    }
  }

  /** Turns the parser's position into a dotted path: {@code errorHandling.deadLetter.topic}. */
  static String pathOf(Object processor) {
    if (!(processor instanceof JsonParser parser)) {
      return "(file)";
    }
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    if (pointer.isEmpty()) {
      return "(file)";
    }
    StringBuilder path = new StringBuilder();
    for (String segment : pointer.substring(1).split("/")) {
      if (segment.chars().allMatch(Character::isDigit) && path.length() > 0) {
        path.append('[').append(segment).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(segment.replace("~1", "/").replace("~0", "~"));
      }
    }
    return path.toString();
  }

  /** Records problems instead of failing on the first one. */
  private static final class CollectingHandler extends DeserializationProblemHandler {
    private final List<Violation> violations;

    CollectingHandler(List<Violation> violations) {
      this.violations = violations;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext context, Class<?> targetType, String value, String failureMsg) {
      violations.add(
          new Violation(
              pathOf(context.getParser()),
              "must be " + describe(targetType) + ", got '" + value + "'"));
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext context, Class<?> targetType, Number value, String failureMsg) {
      violations.add(
          new Violation(
              pathOf(context.getParser()), "must be " + describe(targetType) + ", got " + value));
      return null;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext context,
        JavaType targetType,
        JsonToken token,
        JsonParser parser,
        String failureMsg)
        throws IOException {
      violations.add(
          new Violation(
              pathOf(parser),
              "must be " + describe(targetType.getRawClass()) + ", got " + describe(token)));
      parser.skipChildren();
      return null;
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext context,
        Class<?> instClass,
        ValueInstantiator instantiator,
        JsonParser parser,
        String failureMsg)
        throws IOException {
      // A scalar where a list or a mapping belongs (topics: orders): say so in our words, and go
      // on reading the rest of the file.
      violations.add(
          new Violation(
              pathOf(parser),
              "must be " + describe(instClass) + ", got " + describe(parser.currentToken())));
      parser.skipChildren();
      return null;
    }

    private static String describe(Class<?> type) {
      if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
        return "a whole number";
      }
      if (type == Double.class || type == double.class) {
        return "a number";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      if (type == String.class) {
        return "a string";
      }
      if (List.class.isAssignableFrom(type)) {
        return "a list";
      }
      return "a mapping of keys";
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "nothing";
      }
      return switch (token) {
        case START_ARRAY -> "a list";
        case START_OBJECT -> "a mapping";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        default -> token.asString() == null ? token.name() : token.asString();
      };
    }
  }
}

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites whole-number bounds in a generated CRD as integers ({@code maximum: 86400000}, not
 * {@code 8.64E7}). The generator writes every bound as a Java double; YAML 1.1 parsers (Python's,
 * and some Go tooling) read {@code 8.64E7} as a string, and the API server then refuses the CRD.
 *
 * <p>Run by the build as a single-file program: {@code java IntegerBounds.java <crd.yml>}.
 */
public final class IntegerBounds {

  private static final Pattern BOUND =
      Pattern.compile("(?m)^(\\s*(?:minimum|maximum|minLength|maxLength|minItems|maxItems"
          + "|minProperties|maxProperties): )([-+0-9.eE]+)$");

  private IntegerBounds() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Matcher matcher = BOUND.matcher(Files.readString(file));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, matcher.group(1) + integral(matcher.group(2)));
    }
    matcher.appendTail(out);
    Files.writeString(file, out.toString());
  }

  private static String integral(String number) {
    BigDecimal value = new BigDecimal(number);
    return value.stripTrailingZeros().scale() <= 0 ? value.toBigIntegerExact().toString() : number;
  }
}

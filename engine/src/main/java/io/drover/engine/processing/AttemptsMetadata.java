package io.drover.engine.processing;

/**
 * Encodes the consecutive failures of a partition in its committed offset's metadata. The committed
 * offset is then the failing message, so whoever consumes the partition next, after a restart or a
 * rebalance, knows how many attempts it has already had.
 */
public final class AttemptsMetadata {

  private static final String PREFIX = "drover/v1 failures=";

  private AttemptsMetadata() {}

  /** Returns the metadata for {@code failures} consecutive failures. */
  public static String encode(int failures) {
    return PREFIX + failures;
  }

  /** Returns the failures recorded in {@code metadata}, or 0 if it holds none of ours. */
  public static int decode(String metadata) {
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(metadata.substring(PREFIX.length())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

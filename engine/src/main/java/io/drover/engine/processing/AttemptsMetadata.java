package io.drover.engine.processing;

/**
 * Encodes the consecutive failures of a partition in its committed offset's metadata. The committed
 * offset is then the failing message, so whoever consumes the partition next, after a restart or a
 * rebalance, knows how many attempts it has already had.
 */
public final class AttemptsMetadata {

  /**
   * The most failures recorded or read back: far above any retry budget, and far enough below
   * {@code Integer.MAX_VALUE} that counting on from it cannot overflow the attempt number.
   */
  public static final int MAX_FAILURES = 1_000_000;

  private static final String PREFIX = "drover/v1 failures=";

  private AttemptsMetadata() {}

  /** Returns the metadata for {@code failures} consecutive failures. */
  public static String encode(int failures) {
    return PREFIX + failures;
  }

  /**
   * Returns the failures recorded in {@code metadata}, at most {@link #MAX_FAILURES}; 0 if it holds
   * none of ours or a corrupt count.
   */
  public static int decode(String metadata) {
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return 0;
    }
    try {
      return Math.min(
          MAX_FAILURES, Math.max(0, Integer.parseInt(metadata.substring(PREFIX.length()))));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

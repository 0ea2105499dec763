package io.drover.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failure counts survive a round trip through commit metadata; foreign metadata reads as none. */
class AttemptsMetadataTest {

  @Test
  void roundTrips() {
    assertThat(AttemptsMetadata.decode(AttemptsMetadata.encode(7))).isEqualTo(7);
  }

  @Test
  void ignoresMetadataThatIsNotOurs() {
    assertThat(AttemptsMetadata.decode(null)).isZero();
    assertThat(AttemptsMetadata.decode("")).isZero();
    assertThat(AttemptsMetadata.decode("someone else's")).isZero();
    assertThat(AttemptsMetadata.decode("drover/v1 failures=x")).isZero();
  }
}

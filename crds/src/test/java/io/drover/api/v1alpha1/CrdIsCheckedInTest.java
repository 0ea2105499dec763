package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD is generated from the model; the copies in git and in the Helm chart must match it. */
class CrdIsCheckedInTest {

  @Test
  void everyCheckedInCopyMatchesTheGeneratedCrd() throws Exception {
    String generated = Files.readString(Path.of(System.getProperty("crd.generated")));
    for (String copy : System.getProperty("crd.copies").split(",")) {
      assertThat(Files.readString(Path.of(copy)))
          .as(
              "%s is stale: refresh it with ./mvnw -B -pl crds -Pupdate-crd process-classes"
                  + " and commit it",
              copy)
          .isEqualTo(generated);
    }
    assertThat(System.getProperty("crd.copies").split(",")).hasSize(2);
  }
}

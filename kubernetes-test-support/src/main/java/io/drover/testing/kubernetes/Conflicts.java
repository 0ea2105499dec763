package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.UnaryOperator;

/**
 * Writes as a well-behaved client makes them on a real API server: an edit refused with 409
 * Conflict, because another writer (the operator updating status) changed the object between the
 * read and the write, is read and applied again. The mock never answers 409, so tests written
 * against it did not need this.
 */
public final class Conflicts {

  private static final int ATTEMPTS = 10;

  private Conflicts() {}

  /** Applies {@code change} to the latest version of {@code resource}, retrying on conflicts. */
  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}

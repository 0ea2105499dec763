package io.drover.testing.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Namespace kubectl sends as protobuf is read back with its name; anything else is not. */
class ProtobufNamespaceTest {

  /** What kubectl 1.33 sent for {@code kubectl create namespace shop}, captured byte for byte. */
  private static final byte[] KUBECTL_CREATE_NAMESPACE_SHOP =
      HexFormat.of()
          .parseHex(
              "6b3873000a0f0a02763112094e616d657370616365121c0a140a0473686f7012001a0022002a00"
                  + "32003800420012001a020a001a002200");

  @Test
  void kubectlsCreateNamespaceIsReadAsThatNamespace() {
    assertThat(ProtobufNamespace.read(KUBECTL_CREATE_NAMESPACE_SHOP))
        .contains(
            Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "shop")));
  }

  @Test
  void jsonOrATruncatedBodyIsNotANamespace() {
    assertThat(ProtobufNamespace.read("{\"kind\":\"Namespace\"}".getBytes())).isEmpty();
    byte[] truncated = new byte[20];
    System.arraycopy(KUBECTL_CREATE_NAMESPACE_SHOP, 0, truncated, 0, truncated.length);
    assertThat(ProtobufNamespace.read(truncated)).isEmpty();
  }
}

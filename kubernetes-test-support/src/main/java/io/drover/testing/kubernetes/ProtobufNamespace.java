package io.drover.testing.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Namespace that {@code kubectl create namespace} sends. kubectl writes built-in objects
 * as protobuf, which the fabric8 mock cannot read; this decodes just the fields a created Namespace
 * carries (name, labels, annotations) so that the front can hand the mock the same object as JSON.
 * Any other protobuf body is refused by the front with 415.
 *
 * <p>The wire format: the magic {@code k8s\0}, then a {@code runtime.Unknown} whose field 2 is the
 * Namespace; in it, field 1 is the ObjectMeta, whose fields 1, 11 and 12 are the name, the labels
 * and the annotations (maps: entries with a key 1 and a value 2).
 */
final class ProtobufNamespace {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufNamespace() {}

  /** The Namespace's name, labels and annotations, or empty when the body is not one. */
  static Optional<Map<String, Object>> read(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, 4, MAGIC, 0, 4)) {
      return Optional.empty();
    }
    try {
      byte[] unknown = Arrays.copyOfRange(body, MAGIC.length, body.length);
      byte[] namespace = field(unknown, 2);
      byte[] meta = namespace == null ? null : field(namespace, 1);
      byte[] name = meta == null ? null : field(meta, 1);
      if (name == null) {
        return Optional.empty();
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", new String(name, StandardCharsets.UTF_8));
      Map<String, String> labels = map(meta, 11);
      if (!labels.isEmpty()) {
        metadata.put("labels", labels);
      }
      Map<String, String> annotations = map(meta, 12);
      if (!annotations.isEmpty()) {
        metadata.put("annotations", annotations);
      }
      return Optional.of(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", metadata));
    } catch (IOException | RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** The first length-delimited field {@code number} of a message, or null. */
  private static byte[] field(byte[] message, int number) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(message);
    while (in.available() > 0) {
      long key = varint(in);
      byte[] value = skipOrRead(in, (int) (key & 7));
      if ((key >>> 3) == number && value != null) {
        return value;
      }
    }
    return null;
  }

  /** Every entry of the map field {@code number}. */
  private static Map<String, String> map(byte[] message, int number) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    ByteArrayInputStream in = new ByteArrayInputStream(message);
    while (in.available() > 0) {
      long key = varint(in);
      byte[] value = skipOrRead(in, (int) (key & 7));
      if ((key >>> 3) == number && value != null) {
        byte[] k = field(value, 1);
        byte[] v = field(value, 2);
        entries.put(
            k == null ? "" : new String(k, StandardCharsets.UTF_8),
            v == null ? "" : new String(v, StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  /** Reads a length-delimited value, or skips any other wire type and returns null. */
  private static byte[] skipOrRead(ByteArrayInputStream in, int wireType) throws IOException {
    switch (wireType) {
      case 0 -> varint(in);
      case 1 -> in.readNBytes(8);
      case 2 -> {
        int length = (int) varint(in);
        byte[] value = in.readNBytes(length);
        if (value.length != length) {
          throw new IOException("truncated field");
        }
        return value;
      }
      case 5 -> in.readNBytes(4);
      default -> throw new IOException("wire type " + wireType);
    }
    return null;
  }

  private static long varint(ByteArrayInputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("truncated varint");
      }
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("varint too long");
  }
}

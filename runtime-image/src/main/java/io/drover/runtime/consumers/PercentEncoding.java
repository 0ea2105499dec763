package io.drover.runtime.consumers;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes header text as the CloudEvents HTTP binding does: printable ASCII stays as it is,
 * except {@code %} and {@code "}; every other byte of the UTF-8 form becomes {@code %XX}. Any URL
 * decoder reverses it.
 */
final class PercentEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%' && c != '"') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}

package dev.parkade.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a keyed write asked for, so that a retry is told from another request under the same key:
 * the hex SHA-256 of the method, the path and the body's bytes exactly as sent. A body encoded
 * differently is a different request; no JSON is parsed to compare.
 */
public record Fingerprint(String hex) {
  public static final int LENGTH = 64;

  public Fingerprint {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + hex);
    }
  }

  /** The fingerprint of {@code METHOD \n path \n body}. */
  public static Fingerprint of(String method, String path, byte[] body) {
    MessageDigest sha256 = Sha256.newDigest();
    sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
    sha256.update(body);
    return new Fingerprint(HexFormat.of().formatHex(sha256.digest()));
  }
}

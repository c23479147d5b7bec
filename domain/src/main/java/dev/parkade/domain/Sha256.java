package dev.parkade.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fresh SHA-256 digests, for a keyed write's fingerprint and its lock's hash: each is cloned from
 * one made once, since looking the algorithm up among the security providers costs more than
 * hashing a request.
 */
public final class Sha256 {
  /** Cloned for each new digest, never used itself. */
  private static final MessageDigest PROTOTYPE = lookUp();

  private Sha256() {}

  /** A new digest, ready for its first update. */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException notCloneable) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

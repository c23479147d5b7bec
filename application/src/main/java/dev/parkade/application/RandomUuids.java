package dev.parkade.application;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version-4 UUIDs from a cryptographically strong generator of each thread's own: a NIST SP 800-90A
 * DRBG, seeded by the JDK from the system's entropy source. {@code UUID.randomUUID} draws from one
 * generator shared by the process, whose lock every request thread starting a session queued on
 * (BENCHMARKS.md, section 11).
 */
final class RandomUuids {
  private static final ThreadLocal<SecureRandom> GENERATOR =
      ThreadLocal.withInitial(RandomUuids::drbg);

  private RandomUuids() {}

  static UUID next() {
    byte[] bytes = new byte[16];
    GENERATOR.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no DRBG, which every JDK since 9 has", e);
    }
  }
}

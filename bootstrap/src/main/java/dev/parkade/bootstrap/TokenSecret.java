package dev.parkade.bootstrap;

import dev.parkade.adapters.web.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The token signing secret: {@code PARKADE_JWT_SECRET} when set, else a random secret generated
 * once into the data directory (file mode 0600) and read back by {@code serve} and {@code token}
 * alike.
 */
final class TokenSecret {
  static final String ENVIRONMENT_VARIABLE = "PARKADE_JWT_SECRET";
  static final String FILE_NAME = "jwt-secret";

  private TokenSecret() {}

  static byte[] resolve(Map<String, String> environment, Path dataDir) {
    Optional<String> fromEnvironment = Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE));
    if (fromEnvironment.isPresent()) {
      byte[] secret = fromEnvironment.get().getBytes(StandardCharsets.UTF_8);
      if (secret.length < Tokens.MIN_SECRET_BYTES) {
        throw new ConfigurationException(
            ENVIRONMENT_VARIABLE,
            "must be at least " + Tokens.MIN_SECRET_BYTES + " bytes, was " + secret.length);
      }
      return secret;
    }
    return fromFile(dataDir.resolve(FILE_NAME));
  }

  private static byte[] fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        generate(file);
      }
      byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
      if (secret.length < Tokens.MIN_SECRET_BYTES) {
        throw new ConfigurationException(
            "--data-dir",
            file + " holds a secret shorter than " + Tokens.MIN_SECRET_BYTES + " bytes");
      }
      return secret;
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException("--data-dir", "cannot read or create " + file + ": " + e, e);
    }
  }

  private static void generate(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
    } catch (FileAlreadyExistsException raced) {
      // another process generated it first; use theirs
    }
  }
}

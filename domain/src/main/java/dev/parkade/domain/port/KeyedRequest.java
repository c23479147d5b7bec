package dev.parkade.domain.port;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A write sent with an {@link IdempotencyKey}: whose key it is, what the request was, and the
 * service's time of it, which is the time of the change it makes (an end ends at {@code at}) and
 * the time the key is created or found expired.
 */
public record KeyedRequest(UserId caller, IdempotencyKey key, Fingerprint fingerprint, Instant at) {
  public KeyedRequest {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(at, "at");
  }
}

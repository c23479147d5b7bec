package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.WriteOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purge on the server's own storage (embedded H2): batch after batch, expired keys only. */
class KeyPurgeTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration TTL = Duration.ofHours(1);

  @TempDir Path dir;

  @Test
  void purgeNow_forgetsEveryExpiredKey_inFullBatchesAndAShortOne_andNoLiveKey() throws Exception {
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            StorageKind.H2,
            dir,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            false,
            TTL);
    int expired = 2 * KeyPurge.BATCH + 3;
    try (Storage storage = StorageComponent.create(settings).storage()) {
      IdempotentWrites keys = storage.idempotentWrites();
      for (int n = 0; n < expired; n++) {
        keys.refuse(request("old-" + n, T0), ParkingFailure.NO_ACTIVE_SESSION);
      }
      KeyedRequest live = request("live", T0.plus(TTL));
      keys.refuse(live, ParkingFailure.NO_ACTIVE_SESSION);
      KeyPurge purge = new KeyPurge(keys, Clock.fixed(T0.plus(TTL).plusSeconds(1), ZoneOffset.UTC));

      assertEquals(expired, purge.purgeNow());
      assertEquals(0, purge.purgeNow());
      assertEquals(expired, purge.purged());
      assertEquals(
          new KeyedAnswer.Replayed(new WriteOutcome.Refused(ParkingFailure.NO_ACTIVE_SESSION)),
          keys.refuse(live, ParkingFailure.NO_ACTIVE_SESSION));
      purge.close();
    }
  }

  private static KeyedRequest request(String key, Instant at) {
    return new KeyedRequest(
        new UserId("alice"),
        new IdempotencyKey(key),
        Fingerprint.of("POST", "/api/v1/sessions/current/end", new byte[0]),
        at);
  }
}

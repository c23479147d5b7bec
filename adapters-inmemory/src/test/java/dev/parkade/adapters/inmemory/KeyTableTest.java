package dev.parkade.adapters.inmemory;

import static dev.parkade.domain.port.Fixtures.at;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyTableTest {
  private static final Duration TTL = Duration.ofSeconds(100);
  private static final Fingerprint BODY =
      Fingerprint.of("POST", "/api/v1/spots", "{}".getBytes(StandardCharsets.UTF_8));

  private final KeyTable table = new KeyTable(TTL, 2);

  private static KeyedRequest request(String key, Instant at) {
    return new KeyedRequest(user(1), new IdempotencyKey(key), BODY, at);
  }

  private void write(String key, Instant at) {
    KeyTable.Turn turn = table.claim(request(key, at));
    table.complete(
        assertInstanceOf(KeyTable.Owned.class, turn).entry(), new WriteOutcome.Done(), at);
  }

  private KeyedAnswer answer(String key, Instant at) {
    return assertInstanceOf(KeyTable.Answered.class, table.claim(request(key, at))).answer();
  }

  @Test
  void pastTheCapacity_theOldestCompletedKeyIsForgotten_andCountedAsDropped() {
    write("a", at(0));
    write("b", at(1));
    write("c", at(2));

    assertNull(table.holder(new KeyTable.KeyId(user(1), new IdempotencyKey("a")), at(3)));
    assertEquals(new KeyedAnswer.Replayed(new WriteOutcome.Done()), answer("b", at(3)));
    assertEquals(new KeyedAnswer.Replayed(new WriteOutcome.Done()), answer("c", at(3)));
    assertEquals(1, table.dropped());
  }

  @Test
  void anExpiredKeyPushedOutOfTheRing_isNotCountedAsDropped() {
    write("a", at(0));
    write("b", at(1));

    write("c", at(100));

    assertNull(table.holder(new KeyTable.KeyId(user(1), new IdempotencyKey("a")), at(0)));
    assertEquals(0, table.dropped());
  }

  @Test
  void anExpiredKeyTakenOver_staysWhenItsOldEntryLeavesTheRing() {
    write("a", at(0));
    write("b", at(1));
    write("a", at(100)); // takes over the expired key; the ring drops a's first entry

    assertEquals(new KeyedAnswer.Replayed(new WriteOutcome.Done()), answer("a", at(101)));
    assertEquals(0, table.dropped());
  }

  @Test
  void anInFlightKey_isNotInTheRing_andAnsweredInProgressUntilCompleted() {
    KeyTable.Entry held =
        assertInstanceOf(KeyTable.Owned.class, table.claim(request("held", at(0)))).entry();
    write("b", at(1));
    write("c", at(2));
    write("d", at(3));

    assertEquals(new KeyedAnswer.InProgress(), answer("held", at(4)));
    table.complete(held, new WriteOutcome.Done(), at(5));
    assertNotNull(table.holder(held.id, at(5)));
    assertEquals(new KeyedAnswer.Replayed(new WriteOutcome.Done()), answer("held", at(6)));
  }

  @Test
  void anAbandonedKey_isFreeForTheRetry() {
    KeyTable.Entry failed =
        assertInstanceOf(KeyTable.Owned.class, table.claim(request("k", at(0)))).entry();

    table.abandon(failed);

    assertInstanceOf(KeyTable.Owned.class, table.claim(request("k", at(1))));
  }
}

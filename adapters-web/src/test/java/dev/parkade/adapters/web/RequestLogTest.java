package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request log's duration, milliseconds to a tenth, and its request ids. */
class RequestLogTest {

  @Test
  void aNewRequestId_isARandomVersion4Uuid() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = RequestLog.newRequestId();
      UUID uuid = UUID.fromString(id);
      assertEquals(4, uuid.version(), id);
      assertEquals(2, uuid.variant(), id);
      assertEquals(id, uuid.toString());
      ids.add(id);
    }
    assertEquals(1000, ids.size(), "no id twice");
  }

  @Test
  void aDuration_isRoundedToTheNearestTenthOfAMillisecond() {
    assertEquals("0.0", RequestLog.tenths(0f));
    assertEquals("0.0", RequestLog.tenths(0.04f));
    assertEquals("0.1", RequestLog.tenths(0.06f));
    assertEquals("12.3", RequestLog.tenths(12.34f));
    assertEquals("12.4", RequestLog.tenths(12.36f));
    assertEquals("7.0", RequestLog.tenths(6.96f));
    assertEquals("1000.0", RequestLog.tenths(999.96f));
    assertEquals("86400000.0", RequestLog.tenths(86_400_000f));
  }
}

package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The request log's duration: milliseconds to a tenth. */
class RequestLogTest {

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

package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParamsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=10 | true",
        "a+b=c+d | true",
        "after=L1%2D001 | true",
        "x=%C3%A9 | true",
        "x=%E2%82%AC%20%e2%82%ac | true",
        "x=é | true",
        "x=%F0%9F%9A%97 | true",
        "li%6Dit=1 | true",
        "limit=%ZZ | false",
        "limit=1% | false",
        "limit=%4 | false",
        "x=%C3 | false",
        "x=%C3%28 | false",
        "x=%C3é | false",
        "x=%E2%82 | false",
        "x=%FF | false",
        "x=%ED%A0%80 | false",
        "x=%\uFF11\uFF12 | false",
        "li%ZZmit=1 | false",
        "'' | true",
        "x=%80 | false",
        "x=%C0%AF | false",
        "x=%E0%80%AF | false",
        "x=%F4%90%80%80 | false",
        "x=%%41 | false"
      })
  void percentEncodedUtf8_isTwoAsciiHexDigitsPerEscape_andUtf8BytesPerRun(
      String parameter, boolean valid) {
    assertEquals(valid, QueryParams.isPercentEncodedUtf8(parameter));
  }
}

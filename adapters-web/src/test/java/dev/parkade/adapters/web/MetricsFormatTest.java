package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} read by a strict parser of the Prometheus text format (0.0.4), with the checks
 * {@code promtool check metrics} makes: every family has a help text and a type before its first
 * sample, counters end in {@code _total}, durations are in seconds, and every line parses.
 */
class MetricsFormatTest {
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (\\S.*)");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)"
              + "(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})?"
              + " (\\S+)( -?[0-9]+)?");
  private static final Pattern DURATION_WORDS = Pattern.compile(".*_(requests|duration|latency)$");

  @RegisterExtension final RunningApi api = new RunningApi(2);

  @Test
  void everyFamily_hasHelpAndType_andEveryLineParses() {
    String driver = api.driver("alice");
    api.client().post("/api/v1/sessions", "{\"vehicle\": {\"plate\": \"AB-1\"}}", driver);
    api.client().post("/api/v1/sessions/current/end", "", driver);
    api.client().get("/api/v1/nowhere", null);

    String scrape = api.client().get("/metrics", null).body();
    Map<String, String> types = new HashMap<>();
    Map<String, String> helps = new HashMap<>();
    List<String> findings = new ArrayList<>();
    int samples = 0;
    for (String line : scrape.split("\n", -1)) {
      Matcher help = HELP.matcher(line);
      Matcher type = TYPE.matcher(line);
      Matcher sample = SAMPLE.matcher(line);
      if (help.matches()) {
        if (helps.put(help.group(1), help.group(2)) != null) {
          findings.add(help.group(1) + ": two help texts");
        }
      } else if (type.matches()) {
        if (types.put(type.group(1), type.group(2)) != null) {
          findings.add(type.group(1) + ": two types");
        }
        findings.addAll(namingFindings(type.group(1), type.group(2)));
      } else if (sample.matches()) {
        samples++;
        String family = familyOf(sample.group(1), types);
        if (!types.containsKey(family) || !helps.containsKey(family)) {
          findings.add(sample.group(1) + ": a sample before its family's # HELP and # TYPE");
        }
        if (!isValue(sample.group(3))) {
          findings.add(line + ": not a value");
        }
      } else if (!line.isEmpty()) {
        findings.add("does not parse: " + line);
      }
    }
    assertEquals(List.of(), findings);
    assertTrue(samples > 0, scrape);
    assertTrue(types.containsKey("parkade_http_requests_seconds"), types::toString);
    assertTrue(types.containsKey("parkade_sessions_started_total"), types::toString);
    assertTrue(scrape.contains("parkade_facility_spots_free{facility=\"default\"} 2.0"), scrape);
  }

  @Test
  void forgottenKeys_areCountedAtScrapeTime() {
    api.purgedKeys.set(3);
    String first = api.client().get("/metrics", null).body();
    api.purgedKeys.set(1003);
    String second = api.client().get("/metrics", null).body();

    assertTrue(first.contains("\nparkade_idempotency_keys_purged_total 3.0\n"), first);
    assertTrue(second.contains("\nparkade_idempotency_keys_purged_total 1003.0\n"), second);
    assertTrue(second.contains("\nparkade_idempotency_keys_dropped_total 0.0\n"), second);
  }

  /** A histogram's or summary's samples carry a suffix after their family's name. */
  private static String familyOf(String sample, Map<String, String> types) {
    for (String suffix : new String[] {"_bucket", "_count", "_sum", "_created"}) {
      String family = sample.substring(0, Math.max(0, sample.length() - suffix.length()));
      if (sample.endsWith(suffix) && !"counter".equals(types.getOrDefault(family, "counter"))) {
        return family;
      }
    }
    return sample;
  }

  private static List<String> namingFindings(String family, String type) {
    List<String> findings = new ArrayList<>();
    if (!family.startsWith("parkade_")) {
      findings.add(family + ": not under parkade_");
    }
    if (type.equals("counter") != family.endsWith("_total")) {
      findings.add(family + ": a counter's name, and only a counter's, ends in _total");
    }
    if (DURATION_WORDS.matcher(family).matches()) {
      findings.add(family + ": a duration without its base unit, _seconds");
    }
    return findings;
  }

  private static boolean isValue(String text) {
    if (text.equals("+Inf") || text.equals("-Inf") || text.equals("NaN")) {
      return true;
    }
    try {
      Double.parseDouble(text);
      return !text.endsWith("d")
          && !text.endsWith("f")
          && !text.endsWith("D")
          && !text.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

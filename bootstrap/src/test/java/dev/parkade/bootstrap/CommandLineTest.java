package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line in process: its refusals (status 2, one line naming the setting), its URLs. */
class CommandLineTest {
  @TempDir Path dir;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  private static void assertRefused(Outcome outcome, String line) {
    assertEquals(2, outcome.status(), outcome::toString);
    assertEquals(List.of(line), outcome.err().lines().toList());
    assertEquals("", outcome.out());
  }

  @Test
  void aTokenTtlBeyondTenYears_isRefused_evenOneTooLongForADuration() {
    String dataDir = dir.resolve("data").toString();
    for (String ttl :
        List.of(
            "3651d",
            "99999999999999d", // a Duration, but past the last Instant
            "106751991167301d", // more seconds than a long holds
            "99999999999999999999d", // more days than a long holds
            "9223372036854775807s",
            "P999999999D",
            "P106751991167301D")) {
      assertRefused(
          run("token", "--user", "alice", "--ttl", ttl, "--data-dir", dataDir),
          "parkade: --ttl: must be at most 3650d, was '" + ttl + "'");
    }
    assertTrue(Files.notExists(dir.resolve("data")), "a refused token created the secret");
  }

  @Test
  void aTokenOfTenYears_isIssued() {
    Outcome outcome =
        run("token", "--user", "alice", "--ttl", "3650d", "--data-dir", dir.toString());

    assertEquals(0, outcome.status(), outcome::toString);
    assertEquals(3, outcome.out().strip().split("\\.").length, outcome.out());
  }

  /**
   * {@code serve} from memory on a free port, for refusals only: should one start, the timeout on
   * the test interrupts its wait rather than hanging the build.
   */
  private Outcome serveOn(String host) {
    return run(
        "serve",
        "--storage",
        "memory",
        "--host",
        host,
        "--port",
        "0",
        "--data-dir",
        dir.toString());
  }

  @Test
  @Timeout(60)
  void serveOnAHostThatIsNotThisMachine_namesTheHost_notThePort() {
    // The limited broadcast address is never an interface's own.
    assertRefused(
        serveOn("255.255.255.255"),
        "parkade: --host: 255.255.255.255 is not an address of this machine");
  }

  @Test
  @Timeout(60)
  void serveOnAnEmptyHost_isRefused() {
    assertRefused(serveOn(""), "parkade: --host: must not be empty (env PARKADE_HOST)");
  }

  @Test
  @Timeout(60)
  void anIdempotencyTtlOutsideOneMinuteToThirtyDays_isRefused_namingTheFlag() {
    for (String[] refusal :
        List.of(
            new String[] {"59s", "must be at least 1m, was '59s'"},
            new String[] {"31d", "must be at most 30d, was '31d'"},
            new String[] {"0m", "must be positive, was '0m'"},
            new String[] {"soon", "must look like 90s, 30m, 1h or 7d, was 'soon'"})) {
      assertRefused(
          run(
              "serve",
              "--storage",
              "memory",
              "--port",
              "0",
              "--idempotency-ttl",
              refusal[0],
              "--data-dir",
              dir.toString()),
          "parkade: --idempotency-ttl: " + refusal[1]);
    }
  }

  @Test
  void anIdempotencyTtl_isReadInEitherSpelling_withinItsBounds() {
    assertEquals(Duration.ofMinutes(1), ServerSettings.IDEMPOTENCY_TTL.parse("1m"));
    assertEquals(Duration.ofDays(30), ServerSettings.IDEMPOTENCY_TTL.parse("P30D"));
    assertEquals(Duration.ofHours(24), ServerSettings.IDEMPOTENCY_TTL.parse("24h"));
  }

  @Test
  void theReadyLinesUrl_bracketsAnIpv6Host() {
    assertEquals("http://[::1]:8080", ParkadeServer.urlOf("::1", 8080));
    assertEquals("http://127.0.0.1:8080", ParkadeServer.urlOf("127.0.0.1", 8080));
    assertEquals("http://localhost:0", ParkadeServer.urlOf("localhost", 0));
  }

  @Test
  void migrateOfMemory_isRefused_forItHasNoDatabase() {
    assertRefused(
        run("migrate", "--storage", "memory"),
        "parkade: --storage: memory has no database to migrate");
  }

  @Test
  void migrateOfAnEmbeddedH2_appliesTheMigrations() {
    Outcome outcome = run("migrate", "--storage", "h2", "--data-dir", dir.toString());

    assertEquals(0, outcome.status(), outcome::toString);
    assertEquals("", outcome.err(), outcome::toString);
  }

  @Test
  void migrateWithABadH2Url_namesTheUrl_notTheDataDir() {
    Outcome outcome =
        run(
            "migrate",
            "--storage",
            "h2",
            "--jdbc-url",
            "jdbc:h2:mem:x;FOO=bar",
            "--data-dir",
            dir.toString());

    assertEquals(2, outcome.status(), outcome::toString);
    assertEquals(1, outcome.err().lines().count(), outcome::toString);
    assertTrue(outcome.err().startsWith("parkade: --jdbc-url: "), outcome::toString);
  }

  @Test
  void anEmptyDataDir_isRefused_notTakenAsTheWorkingDirectory() {
    assertRefused(
        run("token", "--user", "alice", "--data-dir", ""),
        "parkade: --data-dir: must not be empty (env PARKADE_DATA_DIR)");
    assertRefused(
        run("migrate", "--storage", "h2", "--data-dir", " "),
        "parkade: --data-dir: must not be empty (env PARKADE_DATA_DIR)");
  }
}

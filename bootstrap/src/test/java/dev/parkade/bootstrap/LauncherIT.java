package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.adapters.web.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a person runs it: the {@code ./parkade} launcher and the built jar, as separate
 * processes. Runs after packaging (failsafe).
 */
class LauncherIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern READY = Pattern.compile("Parkade ready at (http://[0-9.]+:(\\d+))");

  @TempDir Path workDir;

  /** A running {@code parkade} process and what it printed so far. */
  private static final class Launched {
    final Process process;
    final List<String> lines = new ArrayList<>();
    final CompletableFuture<Integer> ready = new CompletableFuture<>();
    final CompletableFuture<List<String>> output = new CompletableFuture<>();

    Launched(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                      lines.add(line);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                      ready.complete(Integer.parseInt(m.group(2)));
                    }
                  }
                } catch (IOException e) {
                  ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new AssertionError("exited before ready: " + lines));
                synchronized (lines) {
                  output.complete(List.copyOf(lines));
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    int port() throws Exception {
      return ready.get(60, TimeUnit.SECONDS);
    }
  }

  private Launched launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("parkade").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PARKADE_"));
    builder.redirectErrorStream(true);
    return new Launched(builder.start());
  }

  @Test
  void serve_onPortZero_printsTheReadyLine_andStopsWithStatusZeroOnSigterm() throws Exception {
    Launched server = launch("serve", "--port", "0", "--storage", "memory");
    int port = server.port();
    assertEquals(200, new ApiClient(port).get("/health/live", null).status());

    List<String> lines = stop(server);
    assertTrue(lines.stream().anyMatch(l -> l.contains("GET /health/live 200")), lines::toString);
  }

  @Test
  void serve_withTheAccessLogOff_logsNoRequest() throws Exception {
    Launched server = launch("serve", "--port", "0", "--storage", "memory", "--access-log", "off");
    assertEquals(200, new ApiClient(server.port()).get("/health/live", null).status());

    List<String> lines = stop(server);
    assertTrue(lines.stream().noneMatch(l -> l.contains("/health/live")), lines::toString);
  }

  @Test
  void sigtermDuringStartUp_exitsZero_withoutAnError_andTheDataDirectoryOpensAgain()
      throws Exception {
    Path dataDir = Files.createDirectories(workDir.resolve("parkade-data"));
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      dataDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      Launched server = launch("serve", "--port", "0");
      // The first file in the data directory: the database is being opened and migrated.
      assertTrue(watch.poll(60, TimeUnit.SECONDS) != null, "start-up touched the data directory");
      server.process.destroy(); // SIGTERM
      assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
      List<String> lines = server.output.get(30, TimeUnit.SECONDS);
      assertEquals(0, server.process.exitValue(), lines::toString);
      assertTrue(
          lines.stream().noneMatch(l -> l.contains("ERROR") || l.contains("Exception")),
          lines::toString);
    }

    Launched again = launch("serve", "--port", "0");
    assertEquals(200, new ApiClient(again.port()).get("/health/ready", null).status());
    stop(again);
  }

  /** SIGTERM, then exit status 0; answers what the server printed. */
  private static List<String> stop(Launched server) throws Exception {
    server.process.destroy(); // SIGTERM
    assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
    List<String> lines = server.output.get(30, TimeUnit.SECONDS);
    assertEquals(0, server.process.exitValue(), lines::toString);
    return lines;
  }

  @Test
  void serve_withUnknownStorage_exitsWithStatusTwoAndOneLine() throws Exception {
    Launched server = launch("serve", "--storage", "nonsense");
    assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, server.process.exitValue());
    List<String> lines = server.output.get(30, TimeUnit.SECONDS);
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).contains("--storage"), lines::toString);
  }

  @Test
  void serve_onAPortInUse_exitsWithStatusTwo() throws Exception {
    Launched first = launch("serve", "--port", "0", "--storage", "memory");
    int port = first.port();
    try {
      Launched second = launch("serve", "--port", Integer.toString(port), "--storage", "memory");
      assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, second.process.exitValue());
    } finally {
      first.process.destroy();
      first.process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void h2Sessions_surviveAKill9_andARestart() throws Exception {
    Launched server = launch("serve", "--port", "0");
    ApiClient client = new ApiClient(server.port());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String token = token("durable-" + i);
      ApiClient.Reply started =
          client.post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"D" + i + "\"}}", token);
      assertEquals(201, started.status(), started::body);
      ids.add(started.json().path("id").asText());
    }

    server.process.destroyForcibly(); // SIGKILL: no shutdown of any kind
    assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));

    Launched restarted = launch("serve", "--port", "0");
    try {
      ApiClient again = new ApiClient(restarted.port());
      for (int i = 0; i < 3; i++) {
        ApiClient.Reply current = again.get("/api/v1/sessions/current", token("durable-" + i));
        assertEquals(200, current.status(), current::body);
        assertEquals(ids.get(i), current.json().path("id").asText());
      }
      assertEquals(3, again.get("/api/v1/lot", null).json().path("occupied").asInt());
    } finally {
      restarted.process.destroy();
      restarted.process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theLauncher_mapsTheClassesOfTheBuildsArchive_andTheJarAloneLoadsThemFromItself()
      throws Exception {
    String mainClass = "dev.parkade.bootstrap.Main source: ";
    List<String> launched = classLoads(REPOSITORY.resolve("parkade").toString(), "--version");
    assertTrue(
        launched.stream().anyMatch(l -> l.contains(mainClass + "shared objects file")),
        () -> "the launcher's JVM did not map Main from parkade.jsa: " + launched);

    // The same jar without the archive: what the test above tells apart.
    List<String> plain =
        classLoads(
            "java",
            CLASS_LOAD_LOG,
            "-jar",
            REPOSITORY.resolve("bootstrap/target/parkade.jar").toString(),
            "--version");
    assertTrue(
        plain.stream().anyMatch(l -> l.contains(mainClass + "file:")),
        () -> "without the archive, Main comes from the jar: " + plain);
  }

  @Test
  void theLauncher_runsTheJvmWithTheOptionsOfJvmOptions_beforeTheOperatorsOwn() throws Exception {
    String launcher = REPOSITORY.resolve("parkade").toString();

    String flags = String.join(" ", printed(PRINT_FLAGS, launcher, "--version")) + " ";
    assertTrue(flags.contains(TENURE_ONCE + " "), () -> "not among the JVM's flags: " + flags);

    String overridden =
        String.join(
                " ", printed("-XX:MaxTenuringThreshold=15 " + PRINT_FLAGS, launcher, "--version"))
            + " ";
    assertTrue(overridden.contains("-XX:MaxTenuringThreshold=15 "), overridden);
    assertFalse(overridden.contains(TENURE_ONCE + " "), overridden);
  }

  /** The one option of {@code bootstrap/jvm.options} today, as the JVM prints it back. */
  private static final String TENURE_ONCE = "-XX:MaxTenuringThreshold=1";

  private static final String PRINT_FLAGS = "-XX:+PrintCommandLineFlags";
  private static final String CLASS_LOAD_LOG = "-Xlog:class+load=info";

  /**
   * What a command printed, with the JVM's class-loading log, which names where each class came
   * from: the launcher passes {@code PARKADE_JAVA_OPTS} on to its JVM.
   */
  private List<String> classLoads(String... command) throws Exception {
    return printed(CLASS_LOAD_LOG, command);
  }

  /** What a command printed, run with {@code javaOptions} as {@code PARKADE_JAVA_OPTS}. */
  private List<String> printed(String javaOptions, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    // Options from the environment would be the JVM's too, and its "Picked up" line part of the
    // output.
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("PARKADE_")
                    || name.equals("JAVA_TOOL_OPTIONS")
                    || name.equals("JDK_JAVA_OPTIONS"));
    builder.environment().put("PARKADE_JAVA_OPTS", javaOptions);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output.lines().toList();
  }

  /** A token from {@code parkade token}, signed with the secret the server generated. */
  private String token(String user) throws Exception {
    Process process =
        new ProcessBuilder(REPOSITORY.resolve("parkade").toString(), "token", "--user", user)
            .directory(workDir.toFile())
            .start();
    String token =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    return token;
  }
}

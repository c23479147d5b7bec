package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's walk-through, pasted whole into bash as a newcomer would: every command's output must be
 * the {@code # } lines README shows under it ({@code …} for ids and times), in a fresh directory.
 * Only the port is changed, so that the test never meets a server of someone else's on 8080.
 */
class ReadmeWalkThroughIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final String MARK = "@@ command ";

  /** A line of the server's own log, which README says appears between the outputs. */
  private static final Pattern LOG_LINE =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\S+Z (TRACE|DEBUG|INFO |WARN |ERROR) .*");

  @TempDir Path workDir;

  /** One command of the block (its lines joined) and the output README shows for it. */
  record Step(String command, List<String> shown) {}

  @Test
  void theWalkThrough_printsWhatReadmeShows() throws Exception {
    List<Step> steps = steps(walkThrough());
    assertTrue(steps.size() >= 10, "the walk-through was found: " + steps);
    int port = freePort();

    StringBuilder script = new StringBuilder("set -u\n");
    for (int i = 0; i < steps.size(); i++) {
      String command =
          steps
              .get(i)
              .command()
              .replace("./parkade", REPOSITORY.resolve("parkade").toString())
              .replace("localhost:8080", "localhost:" + port);
      script.append(command).append('\n').append("echo '").append(MARK).append(i).append("'\n");
    }
    Path file = workDir.resolve("walk-through.sh");
    Files.writeString(file, script);
    ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile());
    bash.environment().keySet().removeIf(name -> name.startsWith("PARKADE_"));
    bash.environment().put("PARKADE_PORT", Integer.toString(port));
    bash.redirectErrorStream(true);
    Process process = bash.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);

    List<List<String>> printed = printedPerStep(output, steps.size());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      List<String> actual = printed.get(i);
      assertEquals(step.shown().size(), actual.size(), step.command() + " printed " + actual);
      for (int line = 0; line < actual.size(); line++) {
        assertTrue(
            matches(step.shown().get(line), actual.get(line)),
            step.command()
                + "\nshown:   "
                + step.shown().get(line)
                + "\nprinted: "
                + actual.get(line));
      }
    }
    assertEquals(0, process.exitValue(), output);
    String log = Files.readString(workDir.resolve("parkade.log"));
    assertTrue(log.contains("Parkade ready at http://127.0.0.1:" + port), log);
    assertTrue(log.contains("Parkade stopped"), log);
    assertTrue(log.lines().anyMatch(l -> l.contains("POST /api/v1/sessions 201")), log);
    for (String printedOrLogged : List.of(output, log)) {
      assertTrue(
          printedOrLogged.lines().noneMatch(l -> l.contains(" ERROR ") || l.contains(" WARN ")),
          printedOrLogged);
    }
  }

  /** The first bash block under README's walk-through heading. */
  private static List<String> walkThrough() throws IOException {
    String readme = Files.readString(REPOSITORY.resolve("README.md"));
    int heading = readme.indexOf("## A walk-through with curl");
    assertTrue(heading >= 0, "README has its walk-through");
    int start = readme.indexOf("```bash\n", heading) + "```bash\n".length();
    return readme.substring(start, readme.indexOf("\n```", start)).lines().toList();
  }

  /**
   * Commands and what README shows under each: {@code # } lines; one starting {@code # } continues
   * the line above it. A comment after a command on its own line is bash's, not output.
   */
  static List<Step> steps(List<String> block) {
    List<Step> steps = new ArrayList<>();
    StringBuilder command = new StringBuilder();
    List<String> shown = new ArrayList<>();
    for (String line : block) {
      if (line.startsWith("#   ")) {
        int last = shown.size() - 1;
        shown.set(last, shown.get(last) + line.substring(4));
      } else if (line.startsWith("# ")) {
        shown.add(line.substring(2));
      } else if (!line.isBlank()) {
        if (command.length() > 0 && !command.toString().endsWith("\\")) {
          steps.add(new Step(command.toString(), List.copyOf(shown)));
          command.setLength(0);
          shown.clear();
        }
        command.append(command.length() > 0 ? "\n" : "").append(line);
      }
    }
    steps.add(new Step(command.toString(), List.copyOf(shown)));
    return steps;
  }

  /** What each step printed, the server's log lines left out. */
  private static List<List<String>> printedPerStep(String output, int steps) {
    List<List<String>> printed = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : output.lines().toList()) {
      if (line.startsWith(MARK)) {
        assertEquals(MARK + printed.size(), line, output);
        printed.add(List.copyOf(current));
        current.clear();
      } else if (!LOG_LINE.matcher(line).matches() && !line.startsWith("parkade: building")) {
        current.add(line);
      }
    }
    assertEquals(steps, printed.size(), "every step ran to its end:\n" + output);
    return printed;
  }

  /** Whether a printed line is the one shown, where {@code …} stands for anything. */
  static boolean matches(String shown, String printed) {
    StringBuilder regex = new StringBuilder();
    for (String part : shown.split("…", -1)) {
      regex.append(regex.length() > 0 ? ".+?" : "").append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString()).matcher(printed).matches();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package dev.parkade.adapters.jdbc;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Changes;
import dev.parkade.domain.port.SessionChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Changes} as the text of PostgreSQL notifications: a first line naming the sending process,
 * then one line per change ({@code f <facility>}, {@code s <user> <session>}, {@code r} for a
 * resync, {@code l} when session changes were lost). No id may hold a space or a line break, so a
 * line splits unambiguously; a payload stays under the server's limit by splitting the changes over
 * several notifications.
 */
final class ChangePayloads {
  /** Below PostgreSQL's limit of 8,000 bytes per payload. */
  static final int MAX_BYTES = 7_900;

  private ChangePayloads() {}

  static List<String> encode(String node, Changes changes) {
    List<String> lines = new ArrayList<>();
    if (changes.resync()) {
      lines.add("r");
    }
    if (changes.sessionsLost()) {
      lines.add("l");
    }
    changes.facilities().forEach(f -> lines.add("f " + f.value()));
    changes.sessions().forEach(s -> lines.add("s " + s.user().value() + " " + s.session().value()));
    List<String> payloads = new ArrayList<>();
    StringBuilder payload = new StringBuilder(node);
    int nodeBytes = bytes(node);
    // Kept as lines are added: measuring the whole payload again for each line would copy it once
    // per line, and a busy tick's payload holds a hundred lines.
    int payloadBytes = nodeBytes;
    for (String line : lines) {
      int lineBytes = 1 + bytes(line);
      if (payloadBytes + lineBytes > MAX_BYTES) {
        payloads.add(payload.toString());
        payload = new StringBuilder(node);
        payloadBytes = nodeBytes;
      }
      payload.append('\n').append(line);
      payloadBytes += lineBytes;
    }
    payloads.add(payload.toString());
    return payloads;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The changes of a payload sent by another process than {@code self}; empty for our own. */
  static Optional<Changes> decode(String self, String payload) {
    String[] lines = payload.split("\n", -1);
    if (lines[0].equals(self)) {
      return Optional.empty();
    }
    Set<FacilityId> facilities = new HashSet<>();
    List<SessionChange> sessions = new ArrayList<>();
    boolean resync = false;
    boolean lost = false;
    for (int i = 1; i < lines.length; i++) {
      String[] words = lines[i].split(" ", -1);
      switch (words[0]) {
        case "r" -> resync = true;
        case "l" -> lost = true;
        case "f" -> facilities.add(new FacilityId(words[1]));
        case "s" -> sessions.add(new SessionChange(new UserId(words[1]), new SessionId(words[2])));
        default -> resync = true; // a line of a later version: read everything rather than guess
      }
    }
    return Optional.of(new Changes(facilities, sessions, resync || lost, lost));
  }
}

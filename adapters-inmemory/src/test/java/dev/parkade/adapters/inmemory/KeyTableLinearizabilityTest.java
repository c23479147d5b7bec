package dev.parkade.adapters.inmemory;

import static dev.parkade.domain.port.Fixtures.at;
import static dev.parkade.domain.port.Fixtures.user;
import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on {@link KeyTable} alone: two keys, two bodies, a capacity of 2 and a lifetime of one
 * second, with claims at a time that has expired a key or not, completions and abandonments by the
 * thread that claimed, and reads. The specification is a map and a ring run one call at a time, so
 * at most one claimant holds a key, a claim never sees a key free after its completion, and the
 * ring forgets only the entry it recorded, never a newer one that took the key over.
 */
class KeyTableLinearizabilityTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final int CAPACITY = 2;

  @Test
  void claimsCompletionsAbandonmentsAndReads_areLinearizable_onTwoKeysAndACapacityOfTwo() {
    new ModelCheckingOptions()
        .iterations(8)
        .invocationsPerIteration(150)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        // As in InMemoryParkingLotLinearizabilityTest: the JDK's map is linearizable per call.
        .addGuarantee(forClasses(ConcurrentHashMap.class.getName()).allMethods().treatAsAtomic())
        .sequentialSpecification(KeySpecification.class)
        .check(Keys.class);
  }

  private static Fingerprint body(int n) {
    return Fingerprint.of("POST", "/b", String.valueOf(n).getBytes(StandardCharsets.UTF_8));
  }

  private static final Fingerprint[] BODIES = {body(1), body(2)};

  @Param(name = "thread", gen = ThreadIdGen.class)
  @Param(name = "key", gen = IntGen.class, conf = "1:2")
  @Param(name = "body", gen = IntGen.class, conf = "1:2")
  @Param(name = "time", gen = IntGen.class, conf = "0:1")
  public static class Keys {
    private final KeyTable table = new KeyTable(TTL, CAPACITY);

    /** Each thread's own claimed entries, by key: only the claimant completes or abandons. */
    private final Map<Integer, KeyTable.Entry> owned = new ConcurrentHashMap<>();

    @Operation
    public String claim(
        @Param(name = "thread") int thread,
        @Param(name = "key") int key,
        @Param(name = "body") int body,
        @Param(name = "time") int time) {
      KeyedRequest request =
          new KeyedRequest(user(1), new IdempotencyKey("k" + key), BODIES[body - 1], at(time));
      KeyTable.Turn turn = table.claim(request);
      if (turn instanceof KeyTable.Owned mine) {
        owned.put(thread * 10 + key, mine.entry());
        return "claimed";
      }
      KeyedAnswer answer = ((KeyTable.Answered) turn).answer();
      return answer.getClass().getSimpleName();
    }

    @Operation
    public void complete(
        @Param(name = "thread") int thread,
        @Param(name = "key") int key,
        @Param(name = "time") int time) {
      KeyTable.Entry mine = owned.remove(thread * 10 + key);
      if (mine != null) {
        table.complete(mine, new WriteOutcome.Done(), at(time));
      }
    }

    @Operation
    public void abandon(@Param(name = "thread") int thread, @Param(name = "key") int key) {
      KeyTable.Entry mine = owned.remove(thread * 10 + key);
      if (mine != null) {
        table.abandon(mine);
      }
    }

    @Operation
    public String read(@Param(name = "key") int key, @Param(name = "time") int time) {
      KeyTable.Entry holder =
          table.holder(new KeyTable.KeyId(user(1), new IdempotencyKey("k" + key)), at(time));
      if (holder == null) {
        return "absent";
      }
      String body = holder.fingerprint.equals(BODIES[0]) ? "1" : "2";
      return (holder.outcome() == null ? "in flight " : "done ") + body;
    }

    @Operation
    public long dropped() {
      return table.dropped();
    }
  }

  /** The same, one call at a time: a map of entries and a queue of the completed ones. */
  public static class KeySpecification {
    private static final class Entry {
      final int key;
      final int body;
      final int createdAt;
      boolean done;

      Entry(int key, int body, int createdAt) {
        this.key = key;
        this.body = body;
        this.createdAt = createdAt;
      }

      boolean expiredAt(int time) {
        return time >= createdAt + TTL.toSeconds();
      }
    }

    private final Map<Integer, Entry> entries = new HashMap<>();
    private final Map<Integer, Entry> owned = new HashMap<>();
    private final ArrayDeque<Entry> ring = new ArrayDeque<>();
    private long dropped;

    public String claim(int thread, int key, int body, int time) {
      Entry found = entries.get(key);
      if (found == null || found.expiredAt(time)) {
        Entry mine = new Entry(key, body, time);
        entries.put(key, mine);
        owned.put(thread * 10 + key, mine);
        return "claimed";
      }
      if (!found.done) {
        return "InProgress";
      }
      return found.body == body ? "Replayed" : "Reused";
    }

    public void complete(int thread, int key, int time) {
      Entry mine = owned.remove(thread * 10 + key);
      if (mine == null) {
        return;
      }
      mine.done = true;
      ring.addLast(mine);
      if (ring.size() > CAPACITY) {
        Entry oldest = ring.removeFirst();
        if (entries.get(oldest.key) == oldest) {
          entries.remove(oldest.key);
          if (!oldest.expiredAt(time)) {
            dropped++;
          }
        }
      }
    }

    public void abandon(int thread, int key) {
      Entry mine = owned.remove(thread * 10 + key);
      if (mine != null && entries.get(key) == mine) {
        entries.remove(key);
      }
    }

    public String read(int key, int time) {
      @Nullable Entry holder = entries.get(key);
      if (holder == null || holder.expiredAt(time)) {
        return "absent";
      }
      return (holder.done ? "done " : "in flight ") + holder.body;
    }

    public long dropped() {
      return dropped;
    }
  }
}

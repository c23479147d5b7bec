package dev.parkade.benchmarks;

import dev.parkade.benchmarks.PostgresLoad.Pair;
import dev.parkade.benchmarks.PostgresLoad.Phases;
import dev.parkade.benchmarks.PostgresLoad.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Two variants of a load measured on the same client threads in alternating slices of a second, in
 * the order first, second, second, first, repeated: on a host whose speed drifts during a run, each
 * variant then meets as much of the drift as the other, which two variants measured one after the
 * other do not. Both are first warmed up in alternating rounds of a second until the client's JIT
 * compiler used under 5% of its CPU in a round (at least a phase's length, at most {@link
 * Phases#maxWarmUpSeconds}), as {@link PostgresLoad} warms up one variant.
 */
final class AlternatingSlices {
  private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int[] ORDER = {0, 1, 1, 0};

  private AlternatingSlices() {}

  /** Each variant's throughput and CPU per pair over its measured slices. */
  record Runs(Run first, Run second) {}

  /**
   * Measures {@code first} and {@code second} for {@link Phases#seconds} slices each, on {@code
   * threads} threads.
   */
  static Runs measure(int threads, Phases phases, Pair first, Pair second) throws Exception {
    Pair[] pairs = {first, second};
    Schedule schedule = new Schedule(phases);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier boundary = new CyclicBarrier(threads, schedule::next);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> client(thread, pairs, schedule, boundary)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return new Runs(schedule.run(0), schedule.run(1));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One client thread's slices. A thread that fails breaks the barrier, or the others would wait
   * for it there for good.
   */
  private static @Nullable Void client(
      int thread, Pair[] pairs, Schedule schedule, CyclicBarrier boundary) throws Exception {
    try {
      long n = 0;
      boundary.await();
      for (Slice slice = schedule.current(); slice != null; slice = schedule.current()) {
        Pair pair = pairs[slice.variant()];
        long parked = 0;
        while (System.nanoTime() < slice.end()) {
          if (pair.run(thread, n++)) {
            parked++;
          }
        }
        if (slice.measured()) {
          schedule.parked(slice.variant(), parked);
        }
        boundary.await();
      }
      return null;
    } catch (Exception | Error failed) {
      boundary.reset();
      throw failed;
    }
  }

  /** Which variant runs until when, and whether it counts. */
  private record Slice(int variant, long end, boolean measured) {}

  /**
   * The slices and what each variant's measured ones took: written by the barrier's action, which
   * runs while every client thread waits, and read after it.
   */
  private static final class Schedule {
    private final Phases phases;
    private final int measuredSlices;
    private final LongAdder[] parked = {new LongAdder(), new LongAdder()};
    private final long[] nanos = new long[2];
    private final long[] clientCpu = new long[2];
    private final long[] serverCpu = new long[2];
    private volatile @Nullable Slice current;
    private boolean warm;
    private int warmUpRounds;
    private int slicesMeasured;
    private long warmUpStart;
    private long roundJitCpu;
    private long sliceStart;
    private long sliceClientCpu;
    private long sliceServerCpu;

    Schedule(Phases phases) {
      this.phases = phases;
      this.measuredSlices = 2 * phases.seconds();
    }

    /** The slice to run now, or null when every slice has run. */
    @Nullable Slice current() {
      return current;
    }

    void parked(int variant, long pairs) {
      parked[variant].add(pairs);
    }

    /** Closes the slice that just ran and opens the next one. */
    void next() {
      long now = System.nanoTime();
      long client = PostgresLoad.clientCpuNanos();
      long server = PostgresLoad.serverCpuNanos();
      long jit = PostgresLoad.jitCpuNanos();
      Slice last = current;
      if (last != null && last.measured()) {
        nanos[last.variant()] += now - sliceStart;
        clientCpu[last.variant()] += client - sliceClientCpu;
        serverCpu[last.variant()] += server - sliceServerCpu;
      }
      if (!warm) {
        if (last == null) {
          warmUpStart = now;
        } else {
          double jitShare = (jit - roundJitCpu) / (double) Math.max(1, client - sliceClientCpu);
          warm = phases.warmAfter(now - warmUpStart, jitShare);
        }
      }
      if (!warm) {
        current = new Slice(warmUpRounds++ % 2, now + SLICE_NANOS, false);
      } else if (slicesMeasured < measuredSlices) {
        current = new Slice(ORDER[slicesMeasured++ % ORDER.length], now + SLICE_NANOS, true);
      } else {
        current = null;
      }
      roundJitCpu = jit;
      sliceStart = now;
      sliceClientCpu = client;
      sliceServerCpu = server;
    }

    Run run(int variant) {
      long pairs = parked[variant].sum();
      return new Run(
          pairs / (nanos[variant] / 1e9),
          clientCpu[variant] / 1e3 / pairs,
          serverCpu[variant] / 1e3 / pairs);
    }
  }
}

package dev.parkade.benchmarks;

import dev.parkade.application.SessionIdGenerator;
import dev.parkade.domain.SessionId;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * New session ids per second: Parkade's ({@link SessionIdGenerator#randomUuids}, a strong generator
 * per thread) against the JDK's {@code UUID.randomUUID}, whose one generator every thread shares.
 * Run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionIds {
  private final SessionIdGenerator parkade = SessionIdGenerator.randomUuids();

  @Benchmark
  public SessionId parkade() {
    return parkade.next();
  }

  @Benchmark
  public SessionId sharedJdkGenerator() {
    return new SessionId(UUID.randomUUID().toString());
  }
}

package dev.parkade.domain.port;

import java.util.function.Consumer;

/**
 * Tells the other server processes on the same storage what this one changed, and this one what
 * they changed (ADR 0016). A storage that only one process uses (memory, an embedded database)
 * relays nothing: {@link #NONE}.
 *
 * <p>Delivery is at least once per live connection; whenever the relay may have missed something
 * (its connection was lost and came back), it delivers {@link Changes#lost()}.
 */
public interface ChangeRelay extends AutoCloseable {
  /** Relays nothing: the process is alone on its storage. */
  ChangeRelay NONE =
      new ChangeRelay() {
        @Override
        public boolean isShared() {
          return false;
        }

        @Override
        public void send(Changes changes) {}

        @Override
        public void listen(Consumer<Changes> others) {}

        @Override
        public void close() {}
      };

  /** Whether other processes may share the storage, so that every session change must be sent. */
  boolean isShared();

  /** Sends this process's changes to the others; a failure is the storage's fault to report. */
  void send(Changes changes);

  /** Starts handing the other processes' changes to {@code others}, on a thread of the relay's. */
  void listen(Consumer<Changes> others);

  @Override
  void close();
}

package dev.parkade.adapters.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's Server-Sent Events stream, written with the servlet's non-blocking output (ADR
 * 0016): whoever has a frame for it only offers it to a bounded queue, and the frames go out when
 * the socket takes them, from the offering thread or from Jetty's when the socket drains. No thread
 * waits for a client. A client that reads too slowly fills its queue and is dropped, so it never
 * holds more than {@link #QUEUE} frames (shared with every other stream) and never slows a sender.
 */
final class EventStream implements WriteListener, AsyncListener {
  /** Frames a client may fall behind before it is dropped. */
  static final int QUEUE = 64;

  private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicBoolean writing = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final ServletOutputStream out;
  private final Runnable onDrop;
  private boolean unflushed; // guarded by writing
  private volatile boolean woken;

  /**
   * @param onDrop run once if the stream is dropped for falling behind
   */
  EventStream(AsyncContext async, ServletOutputStream out, Runnable onDrop) {
    this.out = out;
    this.onDrop = onDrop;
    async.addListener(this);
    out.setWriteListener(this);
  }

  /** Completes when the stream is over, for whatever reason; its request then completes. */
  CompletableFuture<Void> closed() {
    return closed;
  }

  /** Runs {@code action} once the stream is over (at once if it is). */
  @SuppressWarnings("FutureReturnValueIgnored") // closed never completes exceptionally
  void onClose(Runnable action) {
    closed.thenRun(action);
  }

  boolean isOpen() {
    return !closed.isDone();
  }

  /**
   * Queues a frame and writes what the socket takes now; never blocks.
   *
   * @return false when the stream is closed, or its client fell a whole queue behind: then the
   *     caller is to {@link #drop} it, outside any lock, since ending a request runs the server's
   *     code on the calling thread
   */
  boolean offer(byte[] frame) {
    if (closed.isDone()) {
      return false;
    }
    if (!queue.offer(frame)) {
      return false;
    }
    drain();
    return true;
  }

  /** Ends a stream whose client fell behind, and counts it. */
  void drop() {
    if (!closed.isDone()) {
      close();
      onDrop.run();
    }
  }

  /**
   * Writes queued frames while the socket is ready, flushing when the queue runs dry. One thread at
   * a time writes; a frame queued, or a wake-up from Jetty, that comes while another thread writes
   * is taken by that thread on its way out, so neither is lost.
   */
  private void drain() {
    while (!closed.isDone() && writing.compareAndSet(false, true)) {
      woken = false;
      boolean blocked = false;
      try {
        while (true) {
          if (!out.isReady()) {
            blocked = true; // Jetty calls onWritePossible when the socket drains
            break;
          }
          byte[] frame = queue.poll();
          if (frame != null) {
            out.write(frame);
            unflushed = true;
          } else if (unflushed) {
            unflushed = false;
            out.flush();
          } else {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        close();
        return;
      } finally {
        writing.set(false);
      }
      if (blocked ? !woken : queue.isEmpty()) {
        return;
      }
    }
  }

  /** Ends the stream; its request completes. Safe to call more than once, from any thread. */
  void close() {
    queue.clear();
    closed.complete(null);
  }

  @Override
  public void onWritePossible() {
    woken = true;
    drain();
  }

  @Override
  public void onError(Throwable t) {
    close();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    close();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    close();
  }

  @Override
  public void onError(AsyncEvent event) {
    close();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}

package dev.parkade.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients of {@code /api/v1/events} that hold their stream open and read what comes, as
 * dashboards and signs would, all on one thread of the load generator: one socket each, read by one
 * selector, the bytes discarded and counted.
 */
final class IdleSubscribers implements AutoCloseable {
  private final Selector selector;
  private final List<SocketChannel> channels = new ArrayList<>();
  private final AtomicLong bytes = new AtomicLong();
  private final Thread reader;
  private volatile boolean open = true;

  IdleSubscribers(URI base, int count) throws IOException {
    selector = Selector.open();
    byte[] request =
        ("GET /api/v1/events HTTP/1.1\r\nHost: "
                + base.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      SocketChannel channel =
          SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
      channel.write(ByteBuffer.wrap(request));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      channels.add(channel);
    }
    reader = new Thread(this::readAll, "idle-subscribers");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAll() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    try {
      while (open) {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          buffer.clear();
          int read = ((SocketChannel) key.channel()).read(buffer);
          if (read < 0) {
            key.cancel();
          } else {
            bytes.addAndGet(read);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      if (open) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Bytes the streams have received so far. */
  long bytes() {
    return bytes.get();
  }

  /** How many streams the server has not closed. */
  long open() {
    return selector.keys().stream().filter(SelectionKey::isValid).count();
  }

  @Override
  public void close() throws IOException {
    open = false;
    selector.wakeup();
    for (SocketChannel channel : channels) {
      channel.close();
    }
    selector.close();
  }
}

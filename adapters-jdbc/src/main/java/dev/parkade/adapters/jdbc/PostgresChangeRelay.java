package dev.parkade.adapters.jdbc;

import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.Changes;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server processes on one PostgreSQL database tell each other what they changed with {@code
 * NOTIFY} on one channel (ADR 0016). A process sends its changes of a publisher tick in one
 * transaction, from the publisher's thread, never from a write: a transaction that notifies takes a
 * lock that serializes the commits of the whole cluster, so a notify inside each start or end would
 * queue every write of every process behind it. Each process listens on a connection of its own,
 * outside the pool, since a connection waiting for notifications blocks every other statement on
 * it; when that connection breaks, it connects again and delivers a resync, because what was sent
 * meanwhile is lost to it.
 */
final class PostgresChangeRelay implements ChangeRelay {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeRelay.class);
  static final String CHANNEL = "parkade_changes";
  private static final String SEND =
      "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS p";
  private static final int WAIT_MILLIS = 250;
  private static final Duration PING = Duration.ofSeconds(30);
  private static final Duration RECONNECT = Duration.ofSeconds(1);

  private final DataSource pool;
  private final JdbcSettings settings;
  private final String node = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile @Nullable Connection listening;

  PostgresChangeRelay(DataSource pool, JdbcSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  @Override
  public boolean isShared() {
    return true;
  }

  @Override
  public void send(Changes changes) {
    List<String> payloads = ChangePayloads.encode(node, changes);
    try (Connection c = pool.getConnection();
        PreparedStatement notify = c.prepareStatement(SEND)) {
      Array array = c.createArrayOf("text", payloads.toArray());
      notify.setArray(1, array);
      notify.execute();
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "cannot notify the other servers: " + e.getMessage(), e);
    }
  }

  /** Listens before it returns, so that what is sent from then on is heard. */
  @Override
  public void listen(Consumer<Changes> others) {
    Connection first;
    try {
      first = connectAndListen();
    } catch (SQLException e) {
      LOG.warn("live events: cannot listen for the other servers yet, trying again", e);
      first = null;
    }
    Connection connected = first;
    Thread listener = new Thread(() -> listenUntilClosed(connected, others), "parkade-listen");
    listener.setDaemon(true);
    listener.start();
  }

  private void listenUntilClosed(@Nullable Connection first, Consumer<Changes> others) {
    Connection c = first;
    // Changes sent before the first connection succeeded are lost to this process too.
    boolean reconnected = first == null;
    while (closed.getCount() > 0) {
      try {
        if (c == null) {
          c = connectAndListen();
        }
        if (reconnected) {
          others.accept(Changes.lost());
        }
        deliver(c, others);
      } catch (SQLException | RuntimeException e) {
        if (closed.getCount() == 0) {
          return;
        }
        LOG.warn("live events: lost the notification connection, connecting again", e);
      } finally {
        closeQuietly(c);
        c = null;
      }
      reconnected = true;
      try {
        if (closed.await(RECONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Connection connectAndListen() throws SQLException {
    Connection c = connect();
    try (Statement listen = c.createStatement()) {
      listen.execute("LISTEN " + CHANNEL);
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    listening = c;
    return c;
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the notification connection", e);
      }
    }
  }

  private void deliver(Connection c, Consumer<Changes> others) throws SQLException {
    PGConnection notifications = c.unwrap(PGConnection.class);
    long lastPing = System.nanoTime();
    while (closed.getCount() > 0) {
      PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
      if (received != null) {
        for (PGNotification n : received) {
          try {
            ChangePayloads.decode(node, n.getParameter()).ifPresent(others);
          } catch (RuntimeException unreadable) {
            LOG.warn(
                "live events: an unreadable notification, reading everything again", unreadable);
            others.accept(Changes.lost());
          }
        }
      }
      if (System.nanoTime() - lastPing > PING.toNanos()) {
        // A connection that only waits would not notice that the server went away.
        try (Statement ping = c.createStatement()) {
          ping.execute(SharedSql.PING);
        }
        lastPing = System.nanoTime();
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    properties.setProperty("tcpKeepAlive", "true");
    // So that the ping fails, and the listener connects again, when the server went away silently.
    properties.setProperty("socketTimeout", "60");
    properties.setProperty("ApplicationName", "parkade-listen");
    return DriverManager.getConnection(settings.url(), properties);
  }

  @Override
  public void close() {
    closed.countDown();
    closeQuietly(listening);
  }
}

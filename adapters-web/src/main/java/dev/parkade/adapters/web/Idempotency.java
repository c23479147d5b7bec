package dev.parkade.adapters.web;

import dev.parkade.application.Answered;
import dev.parkade.application.KeyedParking;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.port.KeyedRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collections;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} of every write, read after {@link Access} (so a key always has its
 * caller) and before the handler. Without the header a write gets no key and runs as it always has,
 * at the cost of one header lookup. With it, the key is checked (a 400 naming the header) and the
 * request fingerprinted from its method, path and body bytes as sent, before any parsing; the
 * handler then writes through {@link KeyedParking} and renders the answer as a first response, so
 * that a replay is the same response with {@value #REPLAYED}.
 */
final class Idempotency {
  static final String HEADER = IdempotencyKey.FIELD;
  static final String REPLAYED = "Idempotent-Replayed";

  private final KeyedParking keyed;

  Idempotency(KeyedParking keyed) {
    this.keyed = keyed;
  }

  Handler wrap(Route.WriteHandler handler) {
    return ctx -> handler.handle(ctx, key(ctx));
  }

  private Optional<KeyedRequest> key(Context ctx) {
    String value = ctx.header(HEADER);
    if (value == null) {
      return Optional.empty();
    }
    int sent = Collections.list(ctx.req().getHeaders(HEADER)).size();
    if (sent > 1) {
      throw RequestRejected.field(HEADER, "must be sent once, was sent " + sent + " times");
    }
    IdempotencyKey key;
    try {
      key = new IdempotencyKey(value);
    } catch (InvalidValueException e) {
      throw RequestRejected.value(HEADER, e);
    }
    Fingerprint fingerprint =
        Fingerprint.of(ctx.method().name(), ctx.path(), BodyReader.bytes(ctx));
    return Optional.of(keyed.request(Access.caller(ctx).user(), key, fingerprint));
  }

  /**
   * The answer's value, or its refusal thrown for {@link ErrorMapping}; a replay of either is
   * marked {@value #REPLAYED} and counted.
   */
  static <T> T settle(Context ctx, ApiMetrics metrics, Answered<T> answer) {
    if (answer.replayed()) {
      ctx.header(REPLAYED, "true");
      metrics.replayed(RequestLog.route(ctx));
    }
    return answer.orThrow();
  }
}

package dev.parkade.adapters.web;

import dev.parkade.application.Caller;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * The one check of who may call a route, run once a route has matched and before its handler: a
 * route for drivers needs a valid bearer token, one for operators a token with the operator role.
 * Handlers read the verified caller from the request with {@link #caller}.
 */
final class Access {
  private static final String CALLER = Access.class.getName() + ".caller";

  private final Tokens tokens;

  Access(Tokens tokens) {
    this.tokens = tokens;
  }

  void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.size() != 1) {
      // Fails closed: ParkadeApi gives every route exactly one role, so this is a wiring mistake.
      throw new IllegalStateException(ctx.path() + " declares roles " + roles + ", not one");
    }
    Role role = (Role) roles.iterator().next();
    if (role == Role.PUBLIC) {
      return;
    }
    Caller caller = verify(ctx);
    if (role == Role.OPERATOR && !caller.operator()) {
      throw new Forbidden("this needs the operator role");
    }
    ctx.attribute(CALLER, caller);
  }

  /** The caller that {@link #check} verified; only on a driver's or an operator's route. */
  static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException(ctx.path() + " reads a caller on a public route");
    }
    return caller;
  }

  private Caller verify(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Tokens.Unauthenticated("a bearer token is required");
    }
    return tokens.verify(header.substring(7).strip());
  }
}

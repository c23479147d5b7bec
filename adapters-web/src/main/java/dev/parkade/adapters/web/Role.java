package dev.parkade.adapters.web;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Every route declares one; {@link Access} enforces it before the handler
 * runs, so a handler never checks identity itself.
 */
enum Role implements RouteRole {
  /** Anyone, with or without a token. */
  PUBLIC,
  /** Any caller with a valid bearer token. */
  DRIVER,
  /** A caller whose valid token carries the operator role. */
  OPERATOR
}

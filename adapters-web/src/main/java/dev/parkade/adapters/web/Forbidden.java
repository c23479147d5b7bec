package dev.parkade.adapters.web;

/** A valid identity without the role the route needs: 403. */
final class Forbidden extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Forbidden(String reason) {
    super(reason, null, false, false);
  }
}

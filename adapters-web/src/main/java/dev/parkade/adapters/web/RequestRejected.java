package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;

/**
 * Input the contract does not accept, found by the web layer (a query parameter, a body's shape, a
 * value the domain refused inside a body): a 400. The field is kept as data, never parsed back out
 * of the detail.
 */
final class RequestRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  private RequestRejected(String field, String detail) {
    super(detail, null, false, false);
    this.field = field;
  }

  /**
   * @param field the offending field as a client spells it: {@code limit}, {@code vehicle.plate},
   *     {@code ids[3]}
   * @param problem what is wrong with it, a phrase that follows the field's name in the detail
   */
  static RequestRejected field(String field, String problem) {
    return new RequestRejected(field, field + " " + problem);
  }

  /** A query parameter, named in quotes in the detail since its name may be anything. */
  static RequestRejected queryParameter(String name, String problem) {
    String which =
        name.isEmpty() ? "a query parameter without a name" : "query parameter '" + name + "'";
    return new RequestRejected(name, which + " " + problem);
  }

  /** A value the domain refused, found at {@code field} of the request. */
  static RequestRejected value(String field, InvalidValueException refused) {
    return field(field, refused.problem());
  }

  /** A body that is not what the route takes as a whole: not JSON, not an object. */
  static RequestRejected body(String detail) {
    return new RequestRejected("body", detail);
  }

  String field() {
    return field;
  }

  String detail() {
    return String.valueOf(getMessage());
  }
}

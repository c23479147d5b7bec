package dev.parkade.adapters.web;

/**
 * An RFC 9457 problem detail, the body of every error. {@code code} is stable and for machines,
 * {@code detail} is for people. Every one is made by the catalogue, {@link Problems}.
 */
record Problem(String type, String title, int status, String code, String detail) {
  static final String CONTENT_TYPE = "application/problem+json";
}

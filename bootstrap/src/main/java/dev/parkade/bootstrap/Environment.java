package dev.parkade.bootstrap;

import java.util.Map;

/** The process environment, injected so that tests can set {@code PARKADE_*} variables. */
public record Environment(Map<String, String> variables) {
  public Environment {
    variables = Map.copyOf(variables);
  }

  public static Environment ofSystem() {
    return new Environment(System.getenv());
  }
}

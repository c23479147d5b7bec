package dev.parkade.bootstrap;

/** A switch given as {@code on} or {@code off}, as a flag or a {@code PARKADE_*} variable. */
enum OnOff {
  ON,
  OFF;

  boolean isOn() {
    return this == ON;
  }
}

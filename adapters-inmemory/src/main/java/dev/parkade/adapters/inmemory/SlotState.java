package dev.parkade.adapters.inmemory;

/**
 * What a {@link SpotSlot} holds: a {@link SpotSlot.Marker} when no claim holds the spot, else the
 * {@link Claim} holding it (pending or committed). Sealed, so that a reader that has ruled out the
 * claim knows it has a marker. The slot compares and sets these by identity, so a state is the
 * marker or the claim itself, never a wrapper around either.
 */
sealed interface SlotState permits SpotSlot.Marker, Claim {}

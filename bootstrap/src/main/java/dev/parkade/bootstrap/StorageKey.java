package dev.parkade.bootstrap;

import dagger.MapKey;

/** Which storage kind a module provides, so that configuration can choose among them. */
@MapKey
@interface StorageKey {
  StorageKind value();
}

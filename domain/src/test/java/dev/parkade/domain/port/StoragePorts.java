package dev.parkade.domain.port;

/** The two storage ports of one adapter, over one shared state: what the contract suite tests. */
public record StoragePorts(SessionStore sessions, SpotInventory spots) {
  /** One object implementing both ports. */
  public static <T extends SessionStore & SpotInventory> StoragePorts of(T storage) {
    return new StoragePorts(storage, storage);
  }
}

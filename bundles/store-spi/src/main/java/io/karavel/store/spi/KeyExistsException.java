package io.karavel.store.spi;

/** A create found the key already present. */
public class KeyExistsException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient KeyValue existing;

  public KeyExistsException(KeyValue existing) {
    super("key already exists: " + existing.key());
    this.existing = existing;
  }

  /** The version that is stored now. */
  public KeyValue existing() {
    return existing;
  }
}

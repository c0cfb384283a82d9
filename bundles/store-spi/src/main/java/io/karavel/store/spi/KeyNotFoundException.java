package io.karavel.store.spi;

/** An update or delete found no such key. */
public class KeyNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public KeyNotFoundException(String key) {
    super("key not found: " + key);
    this.key = key;
  }

  public String key() {
    return key;
  }
}

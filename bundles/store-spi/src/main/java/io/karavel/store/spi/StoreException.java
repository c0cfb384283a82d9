package io.karavel.store.spi;

/** Base of the errors a {@link KeyValueStore} reports. Unchecked, as the store is remote-like. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

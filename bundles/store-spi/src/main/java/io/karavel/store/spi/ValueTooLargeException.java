package io.karavel.store.spi;

/** A value exceeds the store's size limit (etcd: request too large). */
public class ValueTooLargeException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ValueTooLargeException(int size, int limit) {
    super("value of " + size + " bytes exceeds the store's limit of " + limit + " bytes");
  }
}

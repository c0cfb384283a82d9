package io.karavel.store.spi;

/** A read asked for a revision newer than the store's current one (etcd's {@code ErrFutureRev}). */
public class FutureRevisionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public FutureRevisionException(long requested, long current) {
    super("required revision " + requested + " is a future revision (current " + current + ")");
  }
}

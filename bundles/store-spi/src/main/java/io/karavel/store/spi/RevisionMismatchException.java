package io.karavel.store.spi;

/**
 * A guarded update or delete found the key at another modification revision than expected (an
 * optimistic-concurrency conflict).
 */
public class RevisionMismatchException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient KeyValue current;
  private final long expected;

  public RevisionMismatchException(KeyValue current, long expected) {
    super(
        "key "
            + current.key()
            + " is at revision "
            + current.modRevision()
            + ", expected "
            + expected);
    this.current = current;
    this.expected = expected;
  }

  /** The version that is stored now. */
  public KeyValue current() {
    return current;
  }

  public long expected() {
    return expected;
  }
}

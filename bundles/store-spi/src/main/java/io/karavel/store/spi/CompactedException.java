package io.karavel.store.spi;

/**
 * The requested revision has been compacted away (etcd's {@code ErrCompacted}). The API server
 * turns it into 410 Gone / {@code Expired}.
 */
public class CompactedException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final long requested;
  private final long compactRevision;

  public CompactedException(long requested, long compactRevision) {
    super(
        "required revision "
            + requested
            + " has been compacted (compacted up to "
            + compactRevision
            + ")");
    this.requested = requested;
    this.compactRevision = compactRevision;
  }

  public long requested() {
    return requested;
  }

  public long compactRevision() {
    return compactRevision;
  }
}

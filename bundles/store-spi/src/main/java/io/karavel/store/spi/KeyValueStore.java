package io.karavel.store.spi;

import java.util.Optional;

/**
 * A revisioned key-value store with etcd v3 semantics; the API server's only way to persist.
 *
 * <p>Contract, shared by every implementation and checked by the conformance suite:
 *
 * <ul>
 *   <li>A single global revision starts at 1 for an empty store and grows by exactly one with each
 *       successful write (create, update or delete). Failed writes do not change it.
 *   <li>A write that returned has been made durable (it survives a crash of the process).
 *   <li>Reads at revision {@code 0} see every write that returned before the read started.
 *   <li>Reads at an older revision see the state as of that revision, or fail with {@link
 *       CompactedException} once it is compacted, or {@link FutureRevisionException} if it is newer
 *       than the current revision.
 *   <li>Watches deliver every change after their start revision in revision order, with no gaps or
 *       duplicates.
 * </ul>
 *
 * <p>All methods are thread-safe.
 */
public interface KeyValueStore {

  /** The current revision: the revision of the newest write, or 1 for an empty new store. */
  long currentRevision();

  /**
   * The newest version of {@code key}.
   *
   * @return the key's current version, or empty if it does not exist
   */
  default Optional<KeyValue> get(String key) {
    RangeResult r = range(new RangeRequest(key, null, 0, 0));
    return r.kvs().isEmpty() ? Optional.empty() : Optional.of(r.kvs().get(0));
  }

  /**
   * Reads a range of keys at a revision.
   *
   * @throws CompactedException if {@code request.revision()} is non-zero and compacted
   * @throws FutureRevisionException if {@code request.revision()} is newer than the current one
   */
  RangeResult range(RangeRequest request);

  /**
   * Creates {@code key} if it does not exist (a transaction on {@code createRevision == 0}).
   *
   * @return the stored version; its {@code modRevision} is the new current revision
   * @throws KeyExistsException if the key exists
   * @throws ValueTooLargeException if the value exceeds the store's limit
   */
  KeyValue create(String key, byte[] value);

  /**
   * Replaces the value of an existing key if its modification revision is {@code
   * expectedModRevision}; {@code 0} replaces unconditionally.
   *
   * @return the stored version; its {@code modRevision} is the new current revision
   * @throws KeyNotFoundException if the key does not exist
   * @throws RevisionMismatchException if the key is at another modification revision
   * @throws ValueTooLargeException if the value exceeds the store's limit
   */
  KeyValue update(String key, byte[] value, long expectedModRevision);

  /**
   * Deletes an existing key if its modification revision is {@code expectedModRevision}; {@code 0}
   * deletes unconditionally.
   *
   * @return the deleted version and the revision of the delete (the new current revision)
   * @throws KeyNotFoundException if the key does not exist
   * @throws RevisionMismatchException if the key is at another modification revision
   */
  DeleteResult delete(String key, long expectedModRevision);

  /**
   * Watches every key that starts with {@code prefix} for changes at revisions {@code >=
   * startRevision} ({@code 0} means "after the current revision"). Events older than the call but
   * not older than {@code startRevision} are replayed first.
   *
   * @throws CompactedException if {@code startRevision} is non-zero and already compacted; a store
   *     may also report this through {@link WatchListener#onError}
   */
  Watch watch(String prefix, long startRevision, WatchListener listener);

  /**
   * Discards the history older than {@code revision}: reads and watches at revisions {@code <
   * revision} fail with {@link CompactedException} afterwards. The newest version of every key is
   * always kept. Compacting at or below the current compact revision does nothing.
   *
   * @throws FutureRevisionException if {@code revision} is newer than the current revision
   */
  void compact(long revision);

  /** The revision of the last compaction (0 if none): revisions below it are gone. */
  long compactRevision();

  /** The largest value this store accepts, in bytes. */
  int maxValueSize();
}

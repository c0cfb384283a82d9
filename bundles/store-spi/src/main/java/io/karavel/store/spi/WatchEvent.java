package io.karavel.store.spi;

/**
 * One change seen by a watch.
 *
 * @param type PUT (create or update) or DELETE
 * @param kv for PUT, the new version; for DELETE, the key with an empty value and {@code
 *     modRevision} set to the revision of the delete
 * @param prevKv the version before this change; {@code null} on a create
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {

  /** The kind of change. */
  public enum Type {
    PUT,
    DELETE
  }

  /** The revision of the change. */
  public long revision() {
    return kv.modRevision();
  }

  /** Whether this PUT created the key (etcd: {@code createRevision == modRevision}). */
  public boolean isCreate() {
    return type == Type.PUT && kv.createRevision() == kv.modRevision();
  }
}

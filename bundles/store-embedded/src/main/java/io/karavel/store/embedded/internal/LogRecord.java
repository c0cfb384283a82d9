package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;

/**
 * One entry of the write-ahead log or of a snapshot: a version of a key (a put or a tombstone), a
 * compaction, or a snapshot's header or trailer.
 *
 * @param type what the record is
 * @param kv the version, for {@link Type#VERSION}
 * @param revision the compact revision for {@link Type#COMPACT}; the snapshot's revision for {@link
 *     Type#SNAPSHOT_HEADER}; the number of versions for {@link Type#SNAPSHOT_END}
 * @param compactRevision the compact revision, for {@link Type#SNAPSHOT_HEADER}
 */
record LogRecord(Type type, KeyValue kv, long revision, long compactRevision) {

  /** Record kinds; the code is what goes to disk, so never renumber. */
  enum Type {
    VERSION(1),
    COMPACT(2),
    SNAPSHOT_HEADER(3),
    SNAPSHOT_END(4);

    final byte code;

    Type(int code) {
      this.code = (byte) code;
    }

    static Type of(byte code) {
      for (Type t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }
  }

  static LogRecord version(KeyValue kv) {
    return new LogRecord(Type.VERSION, kv, kv.modRevision(), 0);
  }

  static LogRecord compact(long revision) {
    return new LogRecord(Type.COMPACT, null, revision, 0);
  }

  static LogRecord snapshotHeader(long revision, long compactRevision) {
    return new LogRecord(Type.SNAPSHOT_HEADER, null, revision, compactRevision);
  }

  static LogRecord snapshotEnd(long versions) {
    return new LogRecord(Type.SNAPSHOT_END, null, versions, 0);
  }
}

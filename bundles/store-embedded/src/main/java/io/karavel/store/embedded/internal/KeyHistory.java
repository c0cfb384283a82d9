package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;
import java.util.Arrays;
import java.util.List;

/**
 * The retained versions of one key, oldest first; immutable so readers never lock. A tombstone (a
 * delete) is a version whose {@code version} is 0 and whose value is empty, as etcd stores it.
 */
final class KeyHistory {
  private static final byte[] EMPTY = new byte[0];

  private final KeyValue[] versions;

  private KeyHistory(KeyValue[] versions) {
    this.versions = versions;
  }

  static KeyHistory of(KeyValue kv) {
    return new KeyHistory(new KeyValue[] {kv});
  }

  static KeyValue tombstone(String key, long revision) {
    return new KeyValue(key, EMPTY, 0, revision, 0);
  }

  static boolean isTombstone(KeyValue kv) {
    return kv.version() == 0;
  }

  /** The newest version; may be a tombstone. */
  KeyValue latest() {
    return versions[versions.length - 1];
  }

  /** The live version (not a tombstone) at {@code revision}, or null if the key was absent then. */
  KeyValue liveAt(long revision) {
    int lo = 0;
    int hi = versions.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (versions[mid].modRevision() <= revision) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0 || isTombstone(versions[found])) {
      return null;
    }
    return versions[found];
  }

  KeyHistory append(KeyValue kv) {
    KeyValue[] next = Arrays.copyOf(versions, versions.length + 1);
    next[versions.length] = kv;
    return new KeyHistory(next);
  }

  /**
   * Drops what reads and watches at revisions {@code >= compactRevision} can no longer need: every
   * version older than the newest one below {@code compactRevision}, which stays as the state at
   * the compact revision and as the previous version of the next change. A tombstone in that place
   * goes too.
   *
   * @return the trimmed history, or null when nothing is left
   */
  KeyHistory compactedTo(long compactRevision) {
    int firstKept = 0;
    while (firstKept < versions.length && versions[firstKept].modRevision() < compactRevision) {
      firstKept++;
    }
    // firstKept is the first version at or after the compact revision; keep the one before it.
    int from = firstKept - 1;
    if (from >= 0 && isTombstone(versions[from])) {
      from++;
    }
    from = Math.max(from, 0);
    if (from == 0) {
      return this;
    }
    if (from == versions.length) {
      return null;
    }
    return new KeyHistory(Arrays.copyOfRange(versions, from, versions.length));
  }

  List<KeyValue> versions() {
    return List.of(versions);
  }

  int size() {
    return versions.length;
  }
}

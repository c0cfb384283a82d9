package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.RangeResult;
import io.karavel.store.spi.WatchEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory multi-version state: every retained version of every key, and one watch event per
 * retained revision. One thread (the commit writer, or recovery) adds versions; any thread reads at
 * a revision; compaction trims concurrently. Readers filter by revision, so versions added beyond
 * the revision they read at are invisible to them.
 */
final class MvccIndex {
  private final ConcurrentSkipListMap<String, KeyHistory> keys = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, WatchEvent> events = new ConcurrentSkipListMap<>();

  /** The newest live version of {@code key}, or null if it does not exist. */
  KeyValue live(String key) {
    KeyHistory h = keys.get(key);
    if (h == null) {
      return null;
    }
    KeyValue latest = h.latest();
    return KeyHistory.isTombstone(latest) ? null : latest;
  }

  /**
   * Adds the next version of a key (a tombstone for a delete) and its watch event. The caller
   * guarantees that {@code kv.modRevision()} is the next revision.
   */
  void add(KeyValue kv) {
    KeyValue previous = live(kv.key());
    keys.compute(kv.key(), (k, h) -> h == null ? KeyHistory.of(kv) : h.append(kv));
    WatchEvent event;
    if (KeyHistory.isTombstone(kv)) {
      event = new WatchEvent(WatchEvent.Type.DELETE, kv, previous);
    } else {
      event = new WatchEvent(WatchEvent.Type.PUT, kv, kv.version() == 1 ? null : previous);
    }
    events.put(kv.modRevision(), event);
  }

  /** Loads a retained version from a snapshot; {@link #rebuildEvents} must follow. */
  void load(KeyValue kv) {
    keys.compute(kv.key(), (k, h) -> h == null ? KeyHistory.of(kv) : h.append(kv));
  }

  /** Recreates the watch events of every loaded version at or after {@code fromRevision}. */
  void rebuildEvents(long fromRevision) {
    events.clear();
    for (KeyHistory h : keys.values()) {
      List<KeyValue> versions = h.versions();
      for (int i = 0; i < versions.size(); i++) {
        KeyValue kv = versions.get(i);
        if (kv.modRevision() < fromRevision) {
          continue;
        }
        KeyValue previous = i > 0 ? versions.get(i - 1) : null;
        if (previous != null && KeyHistory.isTombstone(previous)) {
          previous = null;
        }
        if (KeyHistory.isTombstone(kv)) {
          events.put(kv.modRevision(), new WatchEvent(WatchEvent.Type.DELETE, kv, previous));
        } else {
          events.put(
              kv.modRevision(),
              new WatchEvent(WatchEvent.Type.PUT, kv, kv.version() == 1 ? null : previous));
        }
      }
    }
  }

  /** The live version of {@code key} at {@code revision}, or null. */
  KeyValue get(String key, long revision) {
    KeyHistory h = keys.get(key);
    return h == null ? null : h.liveAt(revision);
  }

  /**
   * Reads {@code [from, to)} (or the single key {@code from} when {@code to} is null) as of {@code
   * revision}.
   */
  RangeResult range(String from, String to, long revision, long limit) {
    Map<String, KeyHistory> slice;
    if (to == null) {
      KeyHistory h = keys.get(from);
      slice = h == null ? Map.of() : Map.of(from, h);
    } else if (from.compareTo(to) >= 0) {
      slice = Map.of();
    } else {
      slice = keys.subMap(from, true, to, false);
    }
    List<KeyValue> found = new ArrayList<>();
    long count = 0;
    for (KeyHistory h : slice.values()) {
      KeyValue kv = h.liveAt(revision);
      if (kv != null) {
        count++;
        if (limit == 0 || found.size() < limit) {
          found.add(kv);
        }
      }
    }
    return new RangeResult(found, count > found.size(), count, revision);
  }

  /** The events of revisions {@code from..to}, both inclusive, in revision order. */
  NavigableMap<Long, WatchEvent> events(long from, long to) {
    if (from > to) {
      return Collections.emptyNavigableMap();
    }
    return events.subMap(from, true, to, true);
  }

  /** Drops history older than {@code compactRevision}, keeping every key's state at it. */
  void compact(long compactRevision) {
    events.headMap(compactRevision, false).clear();
    for (String key : keys.keySet()) {
      keys.computeIfPresent(key, (k, h) -> h.compactedTo(compactRevision));
    }
  }

  /** Every key's history, in key order; weakly consistent, for snapshots. */
  Iterable<KeyHistory> histories() {
    return keys.values();
  }

  int keyCount() {
    return keys.size();
  }

  int eventCount() {
    return events.size();
  }
}

package io.karavel.store.embedded.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How an embedded store runs.
 *
 * @param dataDir where the log and snapshots live
 * @param fsync whether a write is forced to disk before it is acknowledged
 * @param maxValueBytes the largest value accepted
 * @param snapshotEveryBytes log bytes after which the log is rotated and a snapshot written
 * @param compactionInterval how often the timer compacts; zero disables the timer
 * @param historyRetention how long superseded revisions stay readable and watchable
 * @param historyMaxRevisions the most revisions of history kept in memory; 0 for no limit
 * @param commitDelay how long the commit writer waits for more writes before forcing the log, when
 *     writes arrive closer together than that; zero never waits
 */
record StoreSettings(
    Path dataDir,
    boolean fsync,
    int maxValueBytes,
    long snapshotEveryBytes,
    Duration compactionInterval,
    Duration historyRetention,
    long historyMaxRevisions,
    Duration commitDelay) {

  static final int DEFAULT_MAX_VALUE_BYTES = 4 << 20;
  static final long DEFAULT_SNAPSHOT_EVERY_BYTES = 64L << 20;
  static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofSeconds(300);
  static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofSeconds(600);
  static final long DEFAULT_HISTORY_MAX_REVISIONS = 100_000;

  /** The default commit delay in microseconds. */
  static final long DEFAULT_COMMIT_DELAY_MICROS = 1000;

  /** A longer wait than this would add more latency than any fsync it saves costs. */
  static final Duration MAX_COMMIT_DELAY = Duration.ofMillis(100);

  static final Duration DEFAULT_COMMIT_DELAY =
      Duration.of(DEFAULT_COMMIT_DELAY_MICROS, ChronoUnit.MICROS);

  StoreSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    if (maxValueBytes <= 0 || snapshotEveryBytes <= 0) {
      throw new IllegalArgumentException("maxValueBytes and snapshotEveryBytes must be positive");
    }
    if (compactionInterval.isNegative() || historyRetention.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (historyMaxRevisions < 0) {
      throw new IllegalArgumentException("historyMaxRevisions must be >= 0");
    }
    Objects.requireNonNull(commitDelay, "commitDelay");
    if (commitDelay.isNegative() || commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
      throw new IllegalArgumentException("commitDelay must be between 0 and " + MAX_COMMIT_DELAY);
    }
  }

  static StoreSettings defaults(Path dataDir) {
    return new StoreSettings(
        dataDir,
        true,
        DEFAULT_MAX_VALUE_BYTES,
        DEFAULT_SNAPSHOT_EVERY_BYTES,
        DEFAULT_COMPACTION_INTERVAL,
        DEFAULT_HISTORY_RETENTION,
        DEFAULT_HISTORY_MAX_REVISIONS,
        DEFAULT_COMMIT_DELAY);
  }

  StoreSettings withFsync(boolean value) {
    return new StoreSettings(
        dataDir,
        value,
        maxValueBytes,
        snapshotEveryBytes,
        compactionInterval,
        historyRetention,
        historyMaxRevisions,
        commitDelay);
  }

  StoreSettings withSnapshotEveryBytes(long value) {
    return new StoreSettings(
        dataDir,
        fsync,
        maxValueBytes,
        value,
        compactionInterval,
        historyRetention,
        historyMaxRevisions,
        commitDelay);
  }

  StoreSettings withCompaction(Duration interval, Duration retention, long maxRevisions) {
    return new StoreSettings(
        dataDir,
        fsync,
        maxValueBytes,
        snapshotEveryBytes,
        interval,
        retention,
        maxRevisions,
        commitDelay);
  }

  StoreSettings withMaxValueBytes(int value) {
    return new StoreSettings(
        dataDir,
        fsync,
        value,
        snapshotEveryBytes,
        compactionInterval,
        historyRetention,
        historyMaxRevisions,
        commitDelay);
  }

  StoreSettings withCommitDelay(Duration value) {
    return new StoreSettings(
        dataDir,
        fsync,
        maxValueBytes,
        snapshotEveryBytes,
        compactionInterval,
        historyRetention,
        historyMaxRevisions,
        value);
  }
}

package io.karavel.store.embedded.internal;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.DeleteResult;
import io.karavel.store.spi.FutureRevisionException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RangeResult;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.ValueTooLargeException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: an append-only, checksummed log with group commit, the whole multi-version
 * state in memory, periodic snapshots that let old log segments go, and compaction on a timer.
 * Readers never lock; writers meet only in the commit queue; watchers are fed from the history on
 * pool threads.
 */
final class LogStore implements KeyValueStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogStore.class);

  /** Longest key accepted, in chars; bounds a log record and so the torn tail recovery accepts. */
  static final int MAX_KEY_LENGTH = 32 * 1024;

  private final StoreDirectory directory;
  private final WriteAheadLog log;
  private final MvccIndex index;
  private final StateMachine machine;
  private final CommitWriter writer;
  private final WatchHub watches;
  private final ScheduledExecutorService maintenance;
  private final HistoryCompactor compactor = new HistoryCompactor(System::nanoTime);
  private final AtomicBoolean snapshotRunning = new AtomicBoolean();
  private final AtomicBoolean capCompactionQueued = new AtomicBoolean();
  private volatile StoreSettings settings;
  private volatile long durableRevision;
  private volatile boolean closed;
  private ScheduledFuture<?> compactionTimer;

  private LogStore(StoreSettings settings, StoreDirectory directory, Recovery.Result recovered)
      throws IOException {
    this.settings = settings;
    this.directory = directory;
    this.index = recovered.index();
    this.durableRevision = recovered.revision();
    this.log = WriteAheadLog.open(directory, recovered.segment(), recovered.segmentBytes());
    this.machine = new StateMachine(index, recovered.revision(), recovered.compactRevision());
    this.watches = new WatchHub(index, () -> durableRevision, machine::compactRevision);
    this.writer =
        new CommitWriter(
            machine,
            log,
            () -> this.settings.fsync(),
            settings.commitDelay(),
            this::published,
            this::afterBatch);
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "karavel-store-maintenance");
              t.setDaemon(true);
              return t;
            });
    writer.start();
    scheduleCompaction();
  }

  /**
   * Opens (or creates) the store in {@code settings.dataDir()}, recovering what a previous run left
   * there.
   *
   * @throws StoreUnavailableException if another store uses the directory
   * @throws StoreException if the files there are damaged beyond a torn tail
   */
  static LogStore open(StoreSettings settings) throws IOException {
    StoreDirectory directory = StoreDirectory.open(settings.dataDir());
    try {
      long maxTorn =
          settings.fsync()
              ? CommitWriter.BATCH_BYTES
                  + Math.max(settings.maxValueBytes(), 16 << 20)
                  + 4L * MAX_KEY_LENGTH
                  + 1024
              : 0;
      long started = System.nanoTime();
      Recovery.Result recovered = new Recovery(directory, maxTorn).run();
      LogStore store = new LogStore(settings, directory, recovered);
      LOG.info(
          "Embedded store opened in {} at revision {} ({} keys) in {} ms",
          settings.dataDir(),
          recovered.revision(),
          recovered.index().keyCount(),
          (System.nanoTime() - started) / 1_000_000);
      return store;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public long currentRevision() {
    return durableRevision;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    ensureOpen();
    return Optional.ofNullable(index.get(key, durableRevision));
  }

  @Override
  public RangeResult range(RangeRequest request) {
    ensureOpen();
    long durable = durableRevision;
    long revision = request.revision() == 0 ? durable : request.revision();
    if (revision > durable) {
      throw new FutureRevisionException(revision, durable);
    }
    checkNotCompacted(revision);
    RangeResult result = index.range(request.fromKey(), request.toKey(), revision, request.limit());
    // A compaction that overtook the read may have trimmed what it looked at.
    checkNotCompacted(revision);
    return result;
  }

  private void checkNotCompacted(long revision) {
    long compacted = machine.compactRevision();
    if (revision < compacted) {
      throw new CompactedException(revision, compacted);
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public KeyValue create(String key, byte[] value) {
    return (KeyValue) writer.submit(new WriteOp.Create(checkKey(key), checkValue(value)));
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    return (KeyValue)
        writer.submit(new WriteOp.Update(checkKey(key), checkValue(value), expectedModRevision));
  }

  @Override
  public DeleteResult delete(String key, long expectedModRevision) {
    return (DeleteResult) writer.submit(new WriteOp.Delete(checkKey(key), expectedModRevision));
  }

  private static String checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("a key must have 1 to " + MAX_KEY_LENGTH + " characters");
    }
    return key;
  }

  private byte[] checkValue(byte[] value) {
    Objects.requireNonNull(value, "value");
    int limit = settings.maxValueBytes();
    if (value.length > limit) {
      throw new ValueTooLargeException(value.length, limit);
    }
    // The caller keeps its array; the store must not see later changes to it.
    return value.clone();
  }

  @Override
  public void compact(long revision) {
    ensureOpen();
    long durable = durableRevision;
    if (revision > durable) {
      throw new FutureRevisionException(revision, durable);
    }
    if (revision <= machine.compactRevision()) {
      return;
    }
    long compacted = (Long) writer.submit(new WriteOp.Compact(revision));
    index.compact(compacted);
    watches.signalAll();
  }

  @Override
  public long compactRevision() {
    return machine.compactRevision();
  }

  @Override
  public int maxValueSize() {
    return settings.maxValueBytes();
  }

  // ------------------------------------------------------------------ watches

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    ensureOpen();
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must be >= 0");
    }
    return watches.open(prefix, startRevision, listener);
  }

  // ------------------------------------------------------------------ upkeep

  /** Called by the commit writer once a batch is on disk. */
  private void published(long revision) {
    watches.publish(durableRevision + 1, revision, () -> durableRevision = revision);
  }

  /** Runs on the commit writer's thread between batches. */
  private void afterBatch() {
    StoreSettings s = settings;
    try {
      if (log.size() >= s.snapshotEveryBytes() && snapshotRunning.compareAndSet(false, true)) {
        long sequence = log.rotate();
        long revision = machine.revision();
        long compacted = machine.compactRevision();
        maintenance.execute(() -> writeSnapshot(sequence, revision, compacted));
      }
      long cap = s.historyMaxRevisions();
      long history = durableRevision - machine.compactRevision();
      if (cap > 0 && history > cap + cap / 4 && capCompactionQueued.compareAndSet(false, true)) {
        maintenance.execute(
            () -> {
              try {
                compactQuietly(durableRevision - cap);
              } finally {
                capCompactionQueued.set(false);
              }
            });
      }
    } catch (RejectedExecutionException e) {
      snapshotRunning.set(false);
    } catch (IOException e) {
      throw new UncheckedIOException("rotating the log failed", e);
    }
  }

  private void writeSnapshot(long sequence, long revision, long compacted) {
    try {
      long started = System.nanoTime();
      SnapshotFile.write(directory, sequence, revision, compacted, index);
      for (Path old : directory.segments().headMap(sequence, false).values()) {
        Files.deleteIfExists(old);
      }
      for (Path old : directory.snapshots().headMap(sequence, false).values()) {
        Files.deleteIfExists(old);
      }
      directory.sync();
      LOG.debug(
          "Snapshot at revision {} written in {} ms",
          revision,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.error("Writing a snapshot of the store failed; the log keeps everything", e);
    } finally {
      snapshotRunning.set(false);
    }
  }

  /**
   * A clean close with at least an eighth of {@code snapshotEveryBytes} in the current segment
   * writes a snapshot, so that the next start loads the retained state instead of replaying every
   * write since the last snapshot (history that compaction dropped long ago included): the log
   * replay was most of a restart's store time. Runs after the writer and the maintenance thread
   * stopped; a failure leaves the log as it was.
   */
  private void snapshotOnClose() {
    if (log.size() < Math.max(1, settings.snapshotEveryBytes() / 8)
        || !snapshotRunning.compareAndSet(false, true)) {
      return;
    }
    long sequence;
    try {
      sequence = log.rotate();
    } catch (IOException e) {
      snapshotRunning.set(false);
      LOG.warn("Rotating the log for a snapshot at close failed; the log keeps everything", e);
      return;
    }
    writeSnapshot(sequence, machine.revision(), machine.compactRevision());
  }

  private synchronized void scheduleCompaction() {
    if (compactionTimer != null) {
      compactionTimer.cancel(false);
      compactionTimer = null;
    }
    long millis = settings.compactionInterval().toMillis();
    if (millis > 0 && !closed) {
      compactionTimer =
          maintenance.scheduleWithFixedDelay(
              this::compactOnTimer, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void compactOnTimer() {
    StoreSettings s = settings;
    long target = compactor.tick(durableRevision, s.historyRetention(), s.historyMaxRevisions());
    compactQuietly(target);
  }

  private void compactQuietly(long target) {
    if (target <= machine.compactRevision() || closed) {
      return;
    }
    try {
      compact(target);
      LOG.debug("Compacted the store's history at revision {}", target);
    } catch (StoreException e) {
      LOG.warn("Compacting the store at revision {} failed: {}", target, e.getMessage());
    }
  }

  /**
   * Applies new settings to the running store. Everything but the data directory applies live;
   * moving the directory needs a new store.
   */
  void reconfigure(StoreSettings next) {
    if (!next.dataDir().equals(settings.dataDir())) {
      throw new IllegalArgumentException("the data directory of an open store cannot change");
    }
    Duration interval = settings.compactionInterval();
    settings = next;
    if (!interval.equals(next.compactionInterval())) {
      scheduleCompaction();
    }
  }

  StoreSettings settings() {
    return settings;
  }

  /** How many times the log was forced to disk so far. */
  long syncCount() {
    return log.syncs();
  }

  /** Batches that waited the commit delay for more writes, for tests. */
  long commitDelays() {
    return writer.delays();
  }

  /** Retained revisions of history, for tests and diagnostics. */
  int historySize() {
    return index.eventCount();
  }

  boolean snapshotInProgress() {
    return snapshotRunning.get();
  }

  int watchCount() {
    return watches.size();
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("the store is closed");
    }
  }

  /** Acknowledged writes finish; later ones, reads and watches fail as unavailable. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.stop();
      synchronized (this) {
        if (compactionTimer != null) {
          compactionTimer.cancel(false);
        }
      }
      maintenance.shutdown();
      if (!maintenance.awaitTermination(30, TimeUnit.SECONDS)) {
        maintenance.shutdownNow();
      }
      watches.closeAll(new StoreUnavailableException("the store is closed"));
      snapshotOnClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        log.close();
      } catch (IOException e) {
        LOG.warn("Closing the store's log failed", e);
      }
      try {
        directory.close();
      } catch (IOException e) {
        LOG.warn("Releasing the store's directory failed", e);
      }
    }
  }
}

package io.karavel.store.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded store promises beyond the shared contract. */
class LogStoreTest {
  @TempDir Path dir;

  @Test
  void concurrentWritersShareFsyncs() throws Exception {
    int threads = 16;
    int perThread = 100;
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      ParallelSteps.run(
          threads,
          perThread,
          Duration.ofSeconds(30),
          (thread, i) -> store.create("/g/" + thread + "/" + i, new byte[1024]));
      int writes = threads * perThread;
      assertThat(store.currentRevision()).isEqualTo(1 + writes);
      // Every batch is forced once; with 16 writers waiting, batches hold several writes.
      assertThat(store.syncCount()).isPositive().isLessThan(writes / 2);
    }
  }

  @Test
  void writesArrivingCloserThanTheCommitDelayWaitForEachOtherAndShareAnFsync() throws Exception {
    // Writers that do not wait for each other's fsync (each pauses between writes, as API
    // clients do): without the delay about half the writes here found the disk idle and were
    // forced alone (246 fsyncs for 480 writes).
    int threads = 8;
    int perThread = 60;
    StoreSettings settings = StoreSettings.defaults(dir).withCommitDelay(Duration.ofMillis(5));
    try (LogStore store = LogStore.open(settings)) {
      ParallelSteps.run(
          threads,
          perThread,
          Duration.ofSeconds(60),
          (thread, i) -> {
            store.create("/d/" + thread + "/" + i, bytes("v"));
            Thread.sleep(0, 200_000);
          });
      int writes = threads * perThread;
      assertThat(store.currentRevision()).isEqualTo(1 + writes);
      assertThat(store.commitDelays()).isPositive();
      // A 5 ms wait gathers the writes of most of the eight writers.
      assertThat(store.syncCount()).isLessThan(writes / 4);
    }
  }

  @Test
  void aWriterThatWaitsForEachWriteIsNotHeldUpByTheCommitDelay() throws Exception {
    // One writer after another (as a collection delete writes): close together, yet a wait
    // would gather nothing. One wait finds that out; the rest are forced at once.
    StoreSettings settings = StoreSettings.defaults(dir).withCommitDelay(Duration.ofMillis(20));
    try (LogStore store = LogStore.open(settings)) {
      long start = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        store.create("/s/" + i, bytes("v"));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(store.commitDelays()).isLessThanOrEqualTo(1);
      assertThat(store.syncCount()).isGreaterThanOrEqualTo(199);
      // 200 waits would take 4 s.
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void anIsolatedWriteIsForcedWithoutWaiting() throws Exception {
    StoreSettings settings = StoreSettings.defaults(dir).withCommitDelay(Duration.ofMillis(50));
    try (LogStore store = LogStore.open(settings)) {
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        store.create("/i/" + i, bytes("v"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(50));
        Thread.sleep(60);
      }
      assertThat(store.commitDelays()).isZero();
      assertThat(store.syncCount()).isEqualTo(10);
    }
  }

  @Test
  void withoutFsyncTheLogIsNeverForcedButStillWritten() throws Exception {
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir).withFsync(false))) {
      store.create("/a", bytes("1"));
      store.update("/a", bytes("2"), 0);
      assertThat(store.syncCount()).isZero();
    }
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      assertThat(store.get("/a").orElseThrow().value()).isEqualTo(bytes("2"));
    }
  }

  @Test
  void aStuckWatcherBlocksNoWriterAndIsEndedOnceCompactionPassesIt() throws Exception {
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      CountDownLatch inListener = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<StoreException> error = new AtomicReference<>();
      CountDownLatch ended = new CountDownLatch(1);
      AtomicInteger delivered = new AtomicInteger();
      Watch stuck =
          store.watch(
              "/s/",
              0,
              new WatchListener() {
                @Override
                public void onEvents(List<WatchEvent> events) {
                  delivered.addAndGet(events.size());
                  inListener.countDown();
                  await(release);
                }

                @Override
                public void onError(StoreException e) {
                  error.set(e);
                  ended.countDown();
                }
              });
      Recorder healthy = new Recorder();
      Watch other = store.watch("/s/", 0, healthy);

      store.create("/s/first", bytes("x"));
      assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        store.update("/s/first", bytes("v" + i), 0);
      }
      // Writers went on at disk speed while the listener was stuck.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      // Another watcher on the same prefix is not held up by the stuck one.
      healthy.await(301);

      store.compact(store.currentRevision());
      release.countDown();
      assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(error.get()).isInstanceOf(CompactedException.class);
      assertThat(((CompactedException) error.get()).requested()).isEqualTo(3);
      assertThat(delivered.get()).isEqualTo(1);
      assertThat(store.watchCount()).isEqualTo(1);
      stuck.close();
      other.close();
      assertThat(store.watchCount()).isZero();
    }
  }

  @Test
  void aWatchIsWokenOnlyByBatchesUnderItsPrefixAndAQuietOneOutlivesCompaction() throws Exception {
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      Recorder quiet = new Recorder();
      Recorder busy = new Recorder();
      WatchCursor quietWatch = (WatchCursor) store.watch("/q/", 0, quiet);
      WatchCursor busyWatch = (WatchCursor) store.watch("/b/", 0, busy);
      store.create("/b/x", bytes("0"));
      for (int i = 1; i < 200; i++) {
        store.update("/b/x", bytes("v" + i), 0);
      }
      busy.await(200);
      // Its opening turn only: 200 batches under /b/ did not wake it.
      assertThat(quietWatch.turns()).isEqualTo(1);
      assertThat(busyWatch.turns()).isGreaterThan(1);

      // Compaction wakes every watch; the quiet one had nothing in the compacted history.
      store.compact(store.currentRevision());
      store.create("/q/a", bytes("1"));
      quiet.await(1);
      assertThat(quiet.error.get()).isNull();
      assertThat(busy.error.get()).isNull();

      // A watch opened in the past still replays what is under its prefix there.
      Recorder replay = new Recorder();
      store.watch("/q/", store.currentRevision(), replay);
      replay.await(1);
    }
  }

  @Test
  void watchesOnSeveralPrefixesGetEveryEventOfTheirOwnInOrderUnderConcurrentWrites()
      throws Exception {
    int prefixes = 6;
    int perPrefix = 300;
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      List<List<Long>> seen = new ArrayList<>();
      List<Watch> watches = new ArrayList<>();
      for (int p = 0; p < prefixes; p++) {
        List<Long> revisions = java.util.Collections.synchronizedList(new ArrayList<>());
        seen.add(revisions);
        watches.add(
            store.watch(
                "/p" + p + "/",
                0,
                new WatchListener() {
                  @Override
                  public void onEvents(List<WatchEvent> events) {
                    events.forEach(e -> revisions.add(e.revision()));
                  }

                  @Override
                  public void onError(StoreException e) {
                    revisions.add(-1L);
                  }
                }));
      }
      ExecutorService pool = Executors.newFixedThreadPool(prefixes);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < prefixes; p++) {
          String key = "/p" + p + "/k";
          done.add(
              pool.submit(
                  () -> {
                    store.create(key, bytes("0"));
                    for (int i = 1; i < perPrefix; i++) {
                      store.update(key, bytes("v" + i), 0);
                    }
                    return null;
                  }));
        }
        // Compaction passes stretches some watches had nothing in while writes go on.
        for (int i = 0; i < 20; i++) {
          Thread.sleep(5);
          store.compact(Math.max(1, store.currentRevision() - 300));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.stream().anyMatch(r -> r.size() < perPrefix) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      for (int p = 0; p < prefixes; p++) {
        List<Long> revisions = seen.get(p);
        assertThat(revisions).as("prefix %d", p).hasSize(perPrefix).doesNotContain(-1L);
        assertThat(revisions).as("prefix %d", p).isSorted();
        assertThat(store.get("/p" + p + "/k").orElseThrow().modRevision())
            .isEqualTo(revisions.get(perPrefix - 1));
      }
      watches.forEach(Watch::close);
    }
  }

  @Test
  void theTimerCompactsHistoryButKeepsEveryKey() throws Exception {
    StoreSettings settings =
        StoreSettings.defaults(dir).withCompaction(Duration.ofMillis(50), Duration.ZERO, 0);
    try (LogStore store = LogStore.open(settings)) {
      for (int i = 0; i < 20; i++) {
        store.create("/t/" + i, bytes("v"));
        store.update("/t/" + i, bytes("w"), 0);
      }
      long current = store.currentRevision();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      // The compact revision is published before the old versions are pruned: wait for both.
      while ((store.compactRevision() < current || store.historySize() > 1)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.compactRevision()).isEqualTo(current);
      assertThat(store.historySize()).isEqualTo(1);
      assertThat(store.range(io.karavel.store.spi.RangeRequest.prefix("/t/")).count())
          .isEqualTo(20);
    }
  }

  @Test
  void historyIsCappedInRevisionsBetweenTimerRuns() throws Exception {
    StoreSettings settings =
        StoreSettings.defaults(dir).withCompaction(Duration.ZERO, Duration.ofHours(1), 100);
    try (LogStore store = LogStore.open(settings)) {
      store.create("/c", bytes("0"));
      for (int i = 0; i < 400; i++) {
        store.update("/c", bytes("v" + i), 0);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (store.historySize() > 125 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.historySize()).isLessThanOrEqualTo(126);
      assertThat(store.compactRevision()).isGreaterThan(store.currentRevision() - 126);
      assertThat(store.get("/c").orElseThrow().version()).isEqualTo(401);
    }
  }

  @Test
  void closingTheStoreEndsWatchesAndRefusesCalls() throws Exception {
    LogStore store = LogStore.open(StoreSettings.defaults(dir));
    Recorder recorder = new Recorder();
    store.watch("/", 0, recorder);
    store.close();
    assertThat(recorder.awaitError()).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.create("/x", bytes("1")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.get("/x")).isInstanceOf(StoreUnavailableException.class);
    store.close();
  }

  @Test
  void theStoreKeepsItsOwnCopyOfAValue() throws Exception {
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      byte[] value = bytes("original");
      store.create("/a", value);
      value[0] = 'X';
      assertThat(store.get("/a").orElseThrow().value()).isEqualTo(bytes("original"));
    }
  }

  @Test
  void emptyAndHugeKeysAreRefused() throws Exception {
    try (LogStore store = LogStore.open(StoreSettings.defaults(dir))) {
      assertThatThrownBy(() -> store.create("", bytes("1")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.create("/" + "k".repeat(LogStore.MAX_KEY_LENGTH), bytes("1")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.currentRevision()).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** Counts events and remembers the first error. */
  private static final class Recorder implements WatchListener {
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicReference<StoreException> error = new AtomicReference<>();

    @Override
    public void onEvents(List<WatchEvent> batch) {
      events.addAndGet(batch.size());
    }

    @Override
    public void onError(StoreException e) {
      error.compareAndSet(null, e);
    }

    void await(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (events.get() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(events.get()).isEqualTo(n);
    }

    StoreException awaitError() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (error.get() == null && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      return error.get();
    }
  }
}

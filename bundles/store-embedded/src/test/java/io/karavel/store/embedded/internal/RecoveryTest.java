package io.karavel.store.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.WatchEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing and reopening, torn tails, damaged logs and snapshots. */
class RecoveryTest {
  @TempDir Path dir;

  private StoreSettings settings() {
    return StoreSettings.defaults(dir);
  }

  @Test
  void everythingIsBackAfterReopen() throws Exception {
    long compactAt;
    long oldRevision;
    List<WatchEvent> before;
    try (LogStore store = LogStore.open(settings())) {
      store.create("/a", bytes("a1"));
      store.create("/b", bytes("b1"));
      store.update("/a", bytes("a2"), 0);
      compactAt = store.currentRevision();
      store.create("/c", bytes("c1"));
      store.delete("/b", 0);
      oldRevision = store.currentRevision();
      store.update("/a", bytes("a3"), 0);
      store.compact(compactAt);
      before = replay(store, compactAt, 4);
    }
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(7);
      assertThat(store.compactRevision()).isEqualTo(compactAt);
      assertThat(store.get("/a").orElseThrow()).isEqualTo(new KeyValue("/a", bytes("a3"), 2, 7, 3));
      assertThat(store.get("/b")).isEmpty();
      assertThat(store.range(RangeRequest.prefix("/", oldRevision, 0)).kvs())
          .extracting(KeyValue::key)
          .containsExactly("/a", "/c");
      assertThat(store.range(RangeRequest.prefix("/", compactAt, 0)).kvs())
          .extracting(KeyValue::key)
          .containsExactly("/a", "/b");
      assertThat(replay(store, compactAt, 4)).isEqualTo(before);
      assertThat(store.create("/d", bytes("d")).modRevision()).isEqualTo(8);
    }
  }

  @Test
  void aTornLastRecordIsCutOffAndEarlierWritesStay() throws Exception {
    writeKeys(20);
    Path segment = lastSegment();
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5);
    }
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(20);
      for (int i = 0; i < 19; i++) {
        assertThat(store.get("/k/" + i).orElseThrow().value()).isEqualTo(bytes("value-" + i));
      }
      assertThat(store.get("/k/19")).isEmpty();
      assertThat(store.create("/k/19", bytes("again")).modRevision()).isEqualTo(21);
    }
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(21);
      assertThat(store.get("/k/19").orElseThrow().value()).isEqualTo(bytes("again"));
    }
  }

  @Test
  void aLastRecordWithABadChecksumIsCutOff() throws Exception {
    writeKeys(10);
    Path segment = lastSegment();
    try (FileChannel ch =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      long at = ch.size() - 2; // inside the value of the last record
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
      ch.write(b, at);
    }
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(10);
      assertThat(store.get("/k/8")).isPresent();
      assertThat(store.get("/k/9")).isEmpty();
    }
  }

  @Test
  void garbageAfterTheLastRecordIsCutOff() throws Exception {
    writeKeys(10);
    Path segment = lastSegment();
    long size = Files.size(segment);
    Files.write(segment, new byte[] {0, 0, 0, 42, 1, 2, 3}, StandardOpenOption.APPEND);
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(11);
      assertThat(store.get("/k/9")).isPresent();
    }
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  @Test
  void damageFarFromTheEndIsRefusedRatherThanDroppingAcknowledgedWrites() throws Exception {
    byte[] big = new byte[1 << 20];
    // No snapshot at close (30 MB is below an eighth of 1 GiB): the damage stays in the log.
    try (LogStore store = LogStore.open(settings().withSnapshotEveryBytes(1L << 30))) {
      store.create("/first", bytes("x"));
      for (int i = 0; i < 30; i++) {
        store.create("/big/" + i, big);
      }
    }
    Path segment = lastSegment();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xff}), 12);
    }
    assertThatThrownBy(() -> LogStore.open(settings()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refusing");
    // The files are left as they were for an operator to look at.
    assertThat(Files.size(segment)).isGreaterThan(30L << 20);
  }

  @Test
  void aMissingSegmentIsRefused() throws Exception {
    writeKeys(3);
    try (StoreDirectory d = StoreDirectory.open(dir)) {
      Files.move(d.segment(1), d.segment(3));
    }
    assertThatThrownBy(() -> LogStore.open(settings()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void snapshotsReplaceOldSegmentsAndKeepHistory() throws Exception {
    long middle;
    List<WatchEvent> history;
    try (LogStore store = LogStore.open(settings().withSnapshotEveryBytes(4096))) {
      for (int i = 0; i < 100; i++) {
        store.create("/s/" + i, new byte[100]);
      }
      middle = store.currentRevision();
      for (int i = 0; i < 100; i++) {
        store.update("/s/" + i, bytes("v2-" + i), 0);
        if (i % 3 == 0) {
          store.delete("/s/" + i, 0);
        }
      }
      store.compact(middle - 10);
      for (int i = 0; i < 50; i++) {
        store.update("/s/1", bytes("more-" + i), 0);
      }
      awaitSnapshots(store);
      history = replay(store, middle, 50);
    }
    try (StoreDirectory d = StoreDirectory.open(dir)) {
      assertThat(d.snapshots()).hasSize(1);
      // Only the segments written since the last snapshot remain.
      assertThat(d.segments().firstKey()).isEqualTo(d.snapshots().firstKey());
    }
    try (LogStore store = LogStore.open(settings())) {
      assertThat(store.currentRevision()).isEqualTo(1 + 100 + 100 + 34 + 50);
      assertThat(store.compactRevision()).isEqualTo(middle - 10);
      assertThat(store.range(RangeRequest.prefix("/s/")).count()).isEqualTo(66);
      assertThat(store.range(RangeRequest.prefix("/s/", middle, 0)).count()).isEqualTo(100);
      assertThat(store.get("/s/1").orElseThrow().value()).isEqualTo(bytes("more-49"));
      assertThat(store.get("/s/1").orElseThrow().version()).isEqualTo(52);
      assertThat(replay(store, middle, 50)).isEqualTo(history);
    }
  }

  @Test
  void aCleanCloseSnapshotsALongLogAndTheNextOpenReadsNoOldSegment() throws Exception {
    long middle;
    List<WatchEvent> history;
    StoreSettings small = settings().withSnapshotEveryBytes(1 << 20); // at close: >= 128 KiB
    try (LogStore store = LogStore.open(small)) {
      for (int i = 0; i < 300; i++) {
        store.create("/c/" + i, new byte[400]);
      }
      middle = store.currentRevision();
      for (int i = 0; i < 300; i += 2) {
        store.delete("/c/" + i, 0);
      }
      store.compact(middle - 5);
      history = replay(store, middle, 150);
      assertThat(store.snapshotInProgress()).isFalse(); // 180 KB: below the running threshold
    }
    long lastSegment;
    try (StoreDirectory d = StoreDirectory.open(dir)) {
      assertThat(d.snapshots()).hasSize(1);
      lastSegment = d.segments().lastKey();
      assertThat(d.segments().firstKey())
          .isEqualTo(d.snapshots().firstKey())
          .isEqualTo(lastSegment);
      assertThat(Files.size(d.segments().lastEntry().getValue())).isLessThan(1024);
    }
    try (LogStore store = LogStore.open(small)) {
      assertThat(store.currentRevision()).isEqualTo(1 + 300 + 150);
      assertThat(store.compactRevision()).isEqualTo(middle - 5);
      assertThat(store.range(RangeRequest.prefix("/c/")).count()).isEqualTo(150);
      assertThat(store.range(RangeRequest.prefix("/c/", middle, 0)).count()).isEqualTo(300);
      assertThat(replay(store, middle, 150)).isEqualTo(history);
      store.create("/c/after", bytes("x"));
    }
    // A short log since the snapshot is not snapshotted again at close.
    try (StoreDirectory d = StoreDirectory.open(dir)) {
      assertThat(d.snapshots()).hasSize(1);
      assertThat(d.snapshots().firstKey()).isEqualTo(lastSegment);
    }
    try (LogStore store = LogStore.open(small)) {
      assertThat(store.get("/c/after").orElseThrow().value()).isEqualTo(bytes("x"));
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() throws Exception {
    try (LogStore store = LogStore.open(settings())) {
      assertThatThrownBy(() -> LogStore.open(settings()))
          .isInstanceOf(StoreUnavailableException.class);
    }
    try (LogStore again = LogStore.open(settings())) {
      assertThat(again.currentRevision()).isEqualTo(1);
    }
  }

  private void writeKeys(int n) throws IOException {
    try (LogStore store = LogStore.open(settings())) {
      for (int i = 0; i < n; i++) {
        store.create("/k/" + i, bytes("value-" + i));
      }
    }
  }

  private Path lastSegment() throws IOException {
    try (StoreDirectory d = StoreDirectory.open(dir)) {
      return d.segments().lastEntry().getValue();
    }
  }

  private static void awaitSnapshots(LogStore store) throws InterruptedException {
    // A snapshot runs on the maintenance thread; a trivial compaction queued behind it waits.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && store.snapshotInProgress()) {
      Thread.sleep(10);
    }
  }

  private static List<WatchEvent> replay(LogStore store, long from, int atLeast)
      throws InterruptedException {
    List<WatchEvent> events = new CopyOnWriteArrayList<>();
    try (var w =
        store.watch(
            "/",
            from,
            new io.karavel.store.spi.WatchListener() {
              @Override
              public void onEvents(List<WatchEvent> batch) {
                events.addAll(batch);
              }

              @Override
              public void onError(StoreException error) {}
            })) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.size() < store.currentRevision() - from + 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    assertThat(events.size()).isGreaterThanOrEqualTo(atLeast);
    return new ArrayList<>(events);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}

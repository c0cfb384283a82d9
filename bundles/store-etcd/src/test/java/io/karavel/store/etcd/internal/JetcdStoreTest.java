package io.karavel.store.etcd.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.ValueTooLargeException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the conformance suite does not cover: etcd's own limits, compaction, key prefixes. */
class JetcdStoreTest {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  @RegisterExtension static final EtcdPerClass etcd = new EtcdPerClass();
  private final List<JetcdStore> opened = new ArrayList<>();

  @AfterEach
  void closeStores() {
    opened.forEach(JetcdStore::close);
  }

  private JetcdStore open(EtcdSettings settings) {
    JetcdStore store = JetcdStore.open(settings);
    opened.add(store);
    return store;
  }

  private JetcdStore open(String prefix) {
    return open(EtcdSettings.plain(etcd.clientUrl(), prefix));
  }

  private JetcdStore openFresh() {
    return open("/t" + PREFIXES.incrementAndGet());
  }

  // ---------------------------------------------------------------- value size

  @Test
  void etcdsOwnRequestLimitIsReportedAsValueTooLarge() {
    // A local limit above etcd's, so that etcd itself refuses.
    JetcdStore store =
        open(EtcdSettings.plain(etcd.clientUrl(), "/big").withMaxValueBytes(8 << 20));
    long before = store.currentRevision();

    // Above etcd's 1.5 MiB --max-request-bytes: etcdserver "request is too large".
    ValueTooLargeException raft =
        catchThrowableOfType(
            ValueTooLargeException.class, () -> store.create("/a", new byte[1_600_000]));
    assertThat(raft).isNotNull().hasMessageContaining("1600000 bytes");
    // Above gRPC's receive limit (1.5 MiB + 512 KiB): refused before etcd sees the request.
    assertThatThrownBy(() -> store.create("/a", new byte[3 << 20]))
        .isInstanceOf(ValueTooLargeException.class);

    KeyValue small = store.create("/a", bytes("small"));
    assertThatThrownBy(() -> store.update("/a", new byte[1_600_000], 0))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(store.get("/a")).contains(small);
    assertThat(store.currentRevision()).isEqualTo(before + 1);
  }

  @Test
  void theDefaultLimitFitsEtcdsDefaultRequestLimitWithALongKey() {
    JetcdStore store = open("/long-keys-" + "p".repeat(200));
    String key = "/registry/" + "k".repeat(1_000);
    byte[] largest = new byte[store.maxValueSize()];
    Arrays.fill(largest, (byte) 'x');
    KeyValue created = store.create(key, largest);
    KeyValue updated = store.update(key, largest, created.modRevision());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(store.get(key).orElseThrow().value()).isEqualTo(largest);
    assertThatThrownBy(() -> store.create(key + "2", new byte[store.maxValueSize() + 1]))
        .isInstanceOf(ValueTooLargeException.class);
  }

  // ---------------------------------------------------------------- compaction

  @Test
  void aCompactedRangeReportsTheRequestedAndTheCompactRevision() {
    JetcdStore store = openFresh();
    KeyValue v1 = store.create("/c/a", bytes("1"));
    KeyValue v2 = store.update("/c/a", bytes("2"), 0);
    store.compact(v2.modRevision());

    CompactedException e =
        catchThrowableOfType(
            CompactedException.class,
            () -> store.range(RangeRequest.prefix("/c/", v1.modRevision(), 0)));
    assertThat(e).isNotNull();
    assertThat(e.requested()).isEqualTo(v1.modRevision());
    assertThat(e.compactRevision()).isEqualTo(v2.modRevision());
    assertThat(store.range(RangeRequest.prefix("/c/", v2.modRevision(), 0)).kvs())
        .containsExactly(v2);
  }

  @Test
  void aWatchFromACompactedRevisionEndsWithCompactedException() throws Exception {
    JetcdStore store = openFresh();
    KeyValue v1 = store.create("/c/a", bytes("1"));
    KeyValue v2 = store.update("/c/a", bytes("2"), 0);
    store.compact(v2.modRevision());

    Listener listener = new Listener();
    try (Watch w = store.watch("/c/", v1.modRevision(), listener)) {
      StoreException error = listener.error.get(10, TimeUnit.SECONDS);
      assertThat(error).isInstanceOf(CompactedException.class);
      CompactedException c = (CompactedException) error;
      assertThat(c.requested()).isEqualTo(v1.modRevision());
      assertThat(c.compactRevision()).isEqualTo(v2.modRevision());
      assertThat(listener.events).isEmpty();
    }
  }

  @Test
  void aRunningWatchSurvivesCompaction() throws Exception {
    JetcdStore store = openFresh();
    Listener listener = new Listener();
    try (Watch w = store.watch("/c/", 0, listener)) {
      KeyValue v1 = store.create("/c/a", bytes("1"));
      listener.await(1);
      store.compact(v1.modRevision());
      KeyValue v2 = store.update("/c/a", bytes("2"), 0);
      assertThat(listener.await(2)).extracting(WatchEvent::kv).containsExactly(v1, v2);
      assertThat(listener.error).isNotDone();
    }
  }

  @Test
  void compactionByAnotherClientIsFound() {
    JetcdStore store = openFresh();
    JetcdStore other = openFresh();
    assertThat(store.compactRevision()).isEqualTo(other.compactRevision());
    for (int i = 0; i < 37; i++) {
      other.create("/x/" + i, bytes("v"));
    }
    long target = other.currentRevision() - 11;
    other.compact(target);
    assertThat(store.compactRevision()).isEqualTo(target);
    // Compacting below what etcd already compacted is a no-op here too.
    store.compact(target - 5);
    assertThat(store.compactRevision()).isEqualTo(target);
  }

  @Test
  void theTimerCompactsUpToTheRevisionSeenOneIntervalEarlier() throws Exception {
    JetcdStore store =
        open(
            EtcdSettings.plain(etcd.clientUrl(), "/timer")
                .withCompactionInterval(Duration.ofMillis(300)));
    KeyValue v1 = store.create("/a", bytes("1"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store.compactRevision() < v1.modRevision() && System.nanoTime() < deadline) {
      store.update("/a", bytes("more"), 0);
      Thread.sleep(100);
    }
    long compacted = store.compactRevision();
    assertThat(compacted).isGreaterThanOrEqualTo(v1.modRevision());
    // Never up to the newest revision while writes go on: the last interval stays.
    assertThat(compacted).isLessThan(store.currentRevision());
    assertThatThrownBy(() -> store.range(RangeRequest.prefix("/", compacted - 1, 0)))
        .isInstanceOf(CompactedException.class);
  }

  // ---------------------------------------------------------------- key prefix

  @Test
  void storesWithDifferentPrefixesDoNotSeeEachOther() throws Exception {
    JetcdStore a = open("/tenant");
    JetcdStore b = open("/tenant2");
    JetcdStore raw = open("");
    Listener aWatch = new Listener();
    Listener bWatch = new Listener();
    try (Watch wa = a.watch("/registry/", 0, aWatch);
        Watch wb = b.watch("/", 0, bWatch)) {
      KeyValue inA = a.create("/registry/pods/default/p", bytes("a"));
      KeyValue inB = b.create("/registry/pods/default/p", bytes("b"));
      assertThat(inA.version()).isEqualTo(1);
      assertThat(inB.version()).isEqualTo(1);
      // One cluster, one revision, whatever the prefix.
      assertThat(inB.modRevision()).isEqualTo(inA.modRevision() + 1);

      assertThat(a.range(RangeRequest.prefix("/")).kvs()).containsExactly(inA);
      assertThat(b.range(RangeRequest.prefix("/")).kvs()).containsExactly(inB);
      assertThat(a.get("/registry/pods/default/p").orElseThrow().value()).isEqualTo(bytes("a"));
      assertThat(
              raw.range(RangeRequest.prefix("/tenant")).kvs().stream()
                  .map(KeyValue::key)
                  .collect(Collectors.toList()))
          .containsExactly("/tenant/registry/pods/default/p", "/tenant2/registry/pods/default/p");

      assertThat(aWatch.await(1)).extracting(WatchEvent::kv).containsExactly(inA);
      assertThat(bWatch.await(1)).extracting(WatchEvent::kv).containsExactly(inB);
      b.delete("/registry/pods/default/p", 0);
      assertThat(bWatch.await(2).get(1).type()).isEqualTo(WatchEvent.Type.DELETE);
      Thread.sleep(200);
      assertThat(aWatch.events).hasSize(1);
      assertThat(a.get("/registry/pods/default/p")).contains(inA);
    }
  }

  // ---------------------------------------------------------------- availability

  @Test
  void closingTheStoreEndsItsWatchesAndRefusesRequests() throws Exception {
    Listener listener = new Listener();
    JetcdStore store = openWatched(listener);
    store.close();
    assertThat(listener.error.get(10, TimeUnit.SECONDS))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(store::currentRevision).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.watch("/w/", 0, new Listener()))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void anUnreachableClusterIsUnavailableWithinTheRequestTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    JetcdStore store =
        open(
            EtcdSettings.plain("http://127.0.0.1:" + port, "")
                .withRequestTimeout(Duration.ofMillis(800)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> store.create("/a", bytes("1")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(store::currentRevision).isInstanceOf(StoreUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void closeReleasesEveryThread() throws Exception {
    Listener listener = new Listener();
    JetcdStore store = openWatched(listener);
    store.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> left = storeThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = storeThreads();
    }
    assertThat(left).as("threads left after close").isEmpty();
  }

  private static Set<String> storeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                n.startsWith("karavel-etcd-")
                    || n.startsWith("vert.x-")
                    || n.startsWith("vertx-")
                    || n.startsWith("jetcd-")
                    || n.startsWith("grpc-")
                    || n.startsWith("globalEventExecutor"))
        .collect(Collectors.toSet());
  }

  // ---------------------------------------------------------------- helpers

  /** A fresh store with {@code listener} watching {@code /w/} and one event already seen. */
  private JetcdStore openWatched(Listener listener) throws InterruptedException {
    JetcdStore store = openFresh();
    store.watch("/w/", 0, listener);
    store.create("/w/a", bytes("1"));
    listener.await(1);
    return store;
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** Records events and the first error. */
  static final class Listener implements WatchListener {
    final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<StoreException> error = new CompletableFuture<>();

    @Override
    public void onEvents(List<WatchEvent> batch) {
      events.addAll(batch);
    }

    @Override
    public void onError(StoreException e) {
      error.complete(e);
    }

    List<WatchEvent> await(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.size() < n && System.nanoTime() < deadline && !error.isDone()) {
        Thread.sleep(10);
      }
      assertThat(events)
          .as("events (error: %s)", error.getNow(null))
          .hasSizeGreaterThanOrEqualTo(n);
      return List.copyOf(events);
    }
  }
}

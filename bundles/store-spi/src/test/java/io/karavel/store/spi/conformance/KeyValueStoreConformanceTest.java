package io.karavel.store.spi.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.DeleteResult;
import io.karavel.store.spi.FutureRevisionException;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyNotFoundException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RangeResult;
import io.karavel.store.spi.RevisionMismatchException;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.ValueTooLargeException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyValueStore} must show, one test per sentence of its contract.
 * Implementations extend this class and supply a fresh, empty store per test.
 */
public abstract class KeyValueStoreConformanceTest {

  /** How long a test waits for an asynchronous event before it fails. */
  protected static final Duration WAIT = Duration.ofSeconds(10);

  /** How long a test waits to be confident that nothing more is delivered. */
  protected static final Duration QUIET = Duration.ofMillis(200);

  protected KeyValueStore store;

  /**
   * A new, empty store: revision 1, no keys. Called once before each test. Only {@code
   * anEmptyStoreStartsAtRevisionOne} relies on the revision being 1; every other test works
   * relative to {@link KeyValueStore#currentRevision()} and needs only that the keys it uses do not
   * exist yet.
   */
  protected abstract KeyValueStore newStore() throws Exception;

  /** Releases a store made by {@link #newStore()}; closes it if it is {@link AutoCloseable}. */
  protected void closeStore(KeyValueStore store) throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void releaseStore() throws Exception {
    if (store != null) {
      closeStore(store);
    }
  }

  // ---------------------------------------------------------------- revisions

  @Test
  void anEmptyStoreStartsAtRevisionOne() {
    assertThat(store.currentRevision()).isEqualTo(1);
    assertThat(store.compactRevision()).isZero();
    RangeResult all = store.range(RangeRequest.prefix("/"));
    assertThat(all.kvs()).isEmpty();
    assertThat(all.count()).isZero();
    assertThat(all.more()).isFalse();
    assertThat(all.revision()).isEqualTo(1);
  }

  @Test
  void everySuccessfulWriteAdvancesTheRevisionByExactlyOne() {
    long base = store.currentRevision();
    KeyValue created = store.create("/r/a", bytes("1"));
    assertThat(created.modRevision()).isEqualTo(base + 1);
    assertThat(store.currentRevision()).isEqualTo(base + 1);

    KeyValue updated = store.update("/r/a", bytes("2"), created.modRevision());
    assertThat(updated.modRevision()).isEqualTo(base + 2);
    assertThat(store.currentRevision()).isEqualTo(base + 2);

    KeyValue other = store.create("/r/b", bytes("x"));
    assertThat(other.modRevision()).isEqualTo(base + 3);

    DeleteResult deleted = store.delete("/r/a", 0);
    assertThat(deleted.revision()).isEqualTo(base + 4);
    assertThat(store.currentRevision()).isEqualTo(base + 4);
    assertThat(store.range(RangeRequest.prefix("/r/")).revision()).isEqualTo(base + 4);
  }

  @Test
  void failedWritesDoNotChangeTheRevision() {
    KeyValue kv = store.create("/f/a", bytes("1"));
    long rev = store.currentRevision();

    assertThatThrownBy(() -> store.create("/f/a", bytes("again")))
        .isInstanceOf(KeyExistsException.class);
    assertThatThrownBy(() -> store.update("/f/missing", bytes("v"), 0))
        .isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> store.update("/f/a", bytes("v"), kv.modRevision() + 7))
        .isInstanceOf(RevisionMismatchException.class);
    assertThatThrownBy(() -> store.delete("/f/missing", 0))
        .isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> store.delete("/f/a", kv.modRevision() + 7))
        .isInstanceOf(RevisionMismatchException.class);
    assertThatThrownBy(() -> store.create("/f/big", new byte[store.maxValueSize() + 1]))
        .isInstanceOf(ValueTooLargeException.class);

    assertThat(store.currentRevision()).isEqualTo(rev);
    assertThat(store.create("/f/b", bytes("2")).modRevision()).isEqualTo(rev + 1);
  }

  // ---------------------------------------------------------------- create

  @Test
  void createStoresTheKeyWithEtcdFields() {
    long base = store.currentRevision();
    KeyValue kv = store.create("/c/a", bytes("hello"));
    assertThat(kv.key()).isEqualTo("/c/a");
    assertThat(kv.value()).isEqualTo(bytes("hello"));
    assertThat(kv.createRevision()).isEqualTo(base + 1);
    assertThat(kv.modRevision()).isEqualTo(base + 1);
    assertThat(kv.version()).isEqualTo(1);
    assertThat(store.get("/c/a")).contains(kv);
  }

  @Test
  void createOfAnExistingKeyFailsWithTheExistingVersion() {
    KeyValue first = store.create("/c/a", bytes("first"));
    KeyExistsException e =
        catchThrowableOfType(KeyExistsException.class, () -> store.create("/c/a", bytes("second")));
    assertThat(e).isNotNull();
    assertThat(e.existing()).isEqualTo(first);
    assertThat(store.get("/c/a")).contains(first);
  }

  @Test
  void anEmptyValueIsAValue() {
    KeyValue kv = store.create("/c/empty", new byte[0]);
    assertThat(store.get("/c/empty")).contains(kv);
    assertThat(kv.version()).isEqualTo(1);
  }

  @Test
  void createAfterDeleteStartsANewGeneration() {
    long base = store.currentRevision();
    store.create("/c/a", bytes("1"));
    store.update("/c/a", bytes("2"), 0);
    store.delete("/c/a", 0);
    KeyValue again = store.create("/c/a", bytes("3"));
    assertThat(again.createRevision()).isEqualTo(again.modRevision()).isEqualTo(base + 4);
    assertThat(again.version()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- update

  @Test
  void updateKeepsCreateRevisionAndCountsVersions() {
    KeyValue v1 = store.create("/u/a", bytes("1"));
    KeyValue v2 = store.update("/u/a", bytes("2"), v1.modRevision());
    KeyValue v3 = store.update("/u/a", bytes("3"), v2.modRevision());
    assertThat(v3.createRevision()).isEqualTo(v1.modRevision());
    assertThat(v3.modRevision()).isEqualTo(v1.modRevision() + 2);
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.value()).isEqualTo(bytes("3"));
    assertThat(store.get("/u/a")).contains(v3);
  }

  @Test
  void updateWithAStaleModRevisionFailsWithTheCurrentVersion() {
    KeyValue v1 = store.create("/u/a", bytes("1"));
    KeyValue v2 = store.update("/u/a", bytes("2"), v1.modRevision());
    RevisionMismatchException e =
        catchThrowableOfType(
            RevisionMismatchException.class,
            () -> store.update("/u/a", bytes("lost"), v1.modRevision()));
    assertThat(e).isNotNull();
    assertThat(e.current()).isEqualTo(v2);
    assertThat(e.expected()).isEqualTo(v1.modRevision());
    assertThat(store.get("/u/a")).contains(v2);
  }

  @Test
  void updateWithZeroIsUnconditional() {
    KeyValue v1 = store.create("/u/a", bytes("1"));
    store.update("/u/a", bytes("2"), v1.modRevision());
    KeyValue v3 = store.update("/u/a", bytes("3"), 0);
    assertThat(v3.version()).isEqualTo(3);
    assertThat(store.get("/u/a").orElseThrow().value()).isEqualTo(bytes("3"));
  }

  @Test
  void updateOfAMissingKeyFails() {
    KeyNotFoundException e =
        catchThrowableOfType(
            KeyNotFoundException.class, () -> store.update("/u/none", bytes("x"), 0));
    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo("/u/none");
    KeyValue kv = store.create("/u/gone", bytes("x"));
    store.delete("/u/gone", 0);
    assertThatThrownBy(() -> store.update("/u/gone", bytes("y"), kv.modRevision()))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(store.get("/u/none")).isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deleteReturnsTheDeletedVersionAndTheDeleteRevision() {
    KeyValue v1 = store.create("/d/a", bytes("1"));
    KeyValue v2 = store.update("/d/a", bytes("2"), 0);
    DeleteResult r = store.delete("/d/a", v2.modRevision());
    assertThat(r.previous()).isEqualTo(v2);
    assertThat(r.revision()).isEqualTo(v2.modRevision() + 1);
    assertThat(store.get("/d/a")).isEmpty();
    assertThat(store.range(RangeRequest.prefix("/d/")).count()).isZero();
    assertThat(v1.version()).isEqualTo(1);
  }

  @Test
  void deleteWithAStaleModRevisionFailsWithTheCurrentVersion() {
    KeyValue v1 = store.create("/d/a", bytes("1"));
    KeyValue v2 = store.update("/d/a", bytes("2"), 0);
    RevisionMismatchException e =
        catchThrowableOfType(
            RevisionMismatchException.class, () -> store.delete("/d/a", v1.modRevision()));
    assertThat(e).isNotNull();
    assertThat(e.current()).isEqualTo(v2);
    assertThat(e.expected()).isEqualTo(v1.modRevision());
    assertThat(store.get("/d/a")).contains(v2);
  }

  @Test
  void deleteWithZeroIsUnconditionalAndAMissingKeyFails() {
    store.create("/d/a", bytes("1"));
    store.update("/d/a", bytes("2"), 0);
    assertThat(store.delete("/d/a", 0).previous().value()).isEqualTo(bytes("2"));
    KeyNotFoundException e =
        catchThrowableOfType(KeyNotFoundException.class, () -> store.delete("/d/a", 0));
    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo("/d/a");
  }

  // ---------------------------------------------------------------- range

  @Test
  void prefixRangeReturnsOnlyThatPrefixInKeyOrder() {
    store.create("/p/b", bytes("b"));
    store.create("/p/a", bytes("a"));
    store.create("/p/c/x", bytes("cx"));
    store.create("/p", bytes("parent"));
    store.create("/pq/a", bytes("other"));
    store.create("/o/a", bytes("before"));
    RangeResult r = store.range(RangeRequest.prefix("/p/"));
    assertThat(keys(r)).containsExactly("/p/a", "/p/b", "/p/c/x");
    assertThat(r.count()).isEqualTo(3);
    assertThat(r.more()).isFalse();
    assertThat(r.revision()).isEqualTo(store.currentRevision());
    assertThat(r.kvs().get(0).value()).isEqualTo(bytes("a"));
  }

  @Test
  void aRangeWithoutEndReadsExactlyOneKey() {
    store.create("/k/a", bytes("a"));
    store.create("/k/ab", bytes("ab"));
    RangeResult r = store.range(new RangeRequest("/k/a", null, 0, 0));
    assertThat(keys(r)).containsExactly("/k/a");
    assertThat(r.count()).isEqualTo(1);
    assertThat(store.range(new RangeRequest("/k/none", null, 0, 0)).kvs()).isEmpty();
  }

  @Test
  void anExplicitRangeIsHalfOpen() {
    for (String k : List.of("/e/a", "/e/b", "/e/c", "/e/d")) {
      store.create(k, bytes(k));
    }
    assertThat(keys(store.range(new RangeRequest("/e/b", "/e/d", 0, 0))))
        .containsExactly("/e/b", "/e/c");
  }

  @Test
  void limitReportsMoreAndTheFullCount() {
    for (int i = 0; i < 7; i++) {
      store.create(String.format("/l/%02d", i), bytes("v" + i));
    }
    RangeResult limited = store.range(RangeRequest.prefix("/l/", 0, 3));
    assertThat(keys(limited)).containsExactly("/l/00", "/l/01", "/l/02");
    assertThat(limited.more()).isTrue();
    assertThat(limited.count()).isEqualTo(7);

    RangeResult exact = store.range(RangeRequest.prefix("/l/", 0, 7));
    assertThat(exact.kvs()).hasSize(7);
    assertThat(exact.more()).isFalse();
    assertThat(exact.count()).isEqualTo(7);

    RangeResult larger = store.range(RangeRequest.prefix("/l/", 0, 100));
    assertThat(larger.kvs()).hasSize(7);
    assertThat(larger.more()).isFalse();
  }

  @Test
  void pagingFromTheLastKeyPlusNulVisitsEveryKeyOnceAtOneRevision() {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      String key = "/g/" + Integer.toString(i, 36) + "-" + i;
      store.create(key, bytes("v" + i));
      expected.add(key);
    }
    String end = RangeRequest.prefixEnd("/g/");
    RangeResult first = store.range(new RangeRequest("/g/", end, 0, 10));
    long atRevision = first.revision();
    // Written between pages: a consistent list must not show it.
    store.create("/g/~late", bytes("late"));
    store.update(first.kvs().get(0).key(), bytes("changed"), 0);

    List<String> seen = new ArrayList<>(keys(first));
    RangeResult page = first;
    int pages = 1;
    while (page.more()) {
      String next = page.kvs().get(page.kvs().size() - 1).key() + "\0";
      page = store.range(new RangeRequest(next, end, atRevision, 10));
      assertThat(page.revision()).isEqualTo(atRevision);
      seen.addAll(keys(page));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().hasSize(25);
    assertThat(new HashSet<>(seen)).isEqualTo(expected);
    assertThat(seen).isSorted();
  }

  @Test
  void aReadSeesEveryWriteThatReturnedBeforeItStarted() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 20; i++) {
        String key = "/v/" + i;
        KeyValue written = writer.submit(() -> store.create(key, bytes(key))).get();
        assertThat(store.get(key)).contains(written);
        assertThat(store.currentRevision()).isGreaterThanOrEqualTo(written.modRevision());
      }
    } finally {
      writer.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- range at a revision

  @Test
  void aRangeAtAnOlderRevisionSeesTheStateOfThen() {
    KeyValue a1 = store.create("/h/a", bytes("a1"));
    KeyValue b1 = store.create("/h/b", bytes("b1"));
    long then = store.currentRevision();
    store.update("/h/a", bytes("a2"), 0);
    store.delete("/h/b", 0);
    store.create("/h/c", bytes("c1"));

    RangeResult old = store.range(RangeRequest.prefix("/h/", then, 0));
    assertThat(old.kvs()).containsExactly(a1, b1);
    assertThat(old.count()).isEqualTo(2);
    assertThat(old.revision()).isEqualTo(then);

    RangeResult beforeB = store.range(RangeRequest.prefix("/h/", a1.modRevision(), 0));
    assertThat(beforeB.kvs()).containsExactly(a1);

    RangeResult single = store.range(new RangeRequest("/h/b", null, then, 0));
    assertThat(single.kvs()).containsExactly(b1);

    RangeResult now = store.range(RangeRequest.prefix("/h/"));
    assertThat(keys(now)).containsExactly("/h/a", "/h/c");
    assertThat(now.kvs().get(0).value()).isEqualTo(bytes("a2"));
  }

  @Test
  void aRangeBeforeAKeyWasCreatedDoesNotSeeIt() {
    long before = store.currentRevision();
    store.create("/i/a", bytes("a"));
    RangeResult r = store.range(RangeRequest.prefix("/i/", before, 0));
    assertThat(r.kvs()).isEmpty();
    assertThat(r.count()).isZero();
  }

  @Test
  void aRangeAtAFutureRevisionFails() {
    store.create("/x/a", bytes("a"));
    long current = store.currentRevision();
    assertThatThrownBy(() -> store.range(RangeRequest.prefix("/x/", current + 1, 0)))
        .isInstanceOf(FutureRevisionException.class);
    assertThat(store.range(RangeRequest.prefix("/x/", current, 0)).kvs()).hasSize(1);
  }

  // ---------------------------------------------------------------- compaction

  @Test
  void compactionDiscardsOlderRevisionsButKeepsEveryKeysNewestVersion() {
    KeyValue old = store.create("/m/old", bytes("untouched since the start"));
    store.create("/m/a", bytes("a1"));
    KeyValue gone = store.create("/m/gone", bytes("g"));
    KeyValue a2 = store.update("/m/a", bytes("a2"), 0);
    store.delete("/m/gone", 0);
    long beforeCompaction = a2.modRevision();
    KeyValue a3 = store.update("/m/a", bytes("a3"), 0);
    long compactAt = a3.modRevision();

    store.compact(compactAt);
    assertThat(store.compactRevision()).isEqualTo(compactAt);
    assertThat(store.currentRevision()).isEqualTo(compactAt);

    CompactedException e =
        catchThrowableOfType(
            CompactedException.class,
            () -> store.range(RangeRequest.prefix("/m/", beforeCompaction, 0)));
    assertThat(e).isNotNull();
    assertThat(e.requested()).isEqualTo(beforeCompaction);
    assertThat(e.compactRevision()).isEqualTo(compactAt);
    assertThatThrownBy(() -> store.range(new RangeRequest("/m/old", null, old.modRevision(), 0)))
        .isInstanceOf(CompactedException.class);

    RangeResult atCompact = store.range(RangeRequest.prefix("/m/", compactAt, 0));
    assertThat(atCompact.kvs()).containsExactly(a3, old);
    assertThat(store.range(RangeRequest.prefix("/m/")).kvs()).containsExactly(a3, old);
    assertThat(store.get("/m/gone")).isEmpty();
    assertThat(gone.version()).isEqualTo(1);

    // Writes go on at the next revision and are readable.
    KeyValue after = store.update("/m/old", bytes("new"), old.modRevision());
    assertThat(after.modRevision()).isEqualTo(compactAt + 1);
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.createRevision()).isEqualTo(old.createRevision());
  }

  @Test
  void compactingAtOrBelowTheCompactRevisionDoesNothing() {
    store.create("/m/a", bytes("1"));
    store.update("/m/a", bytes("2"), 0);
    store.update("/m/a", bytes("3"), 0);
    long rev = store.currentRevision();
    store.compact(rev - 1);
    store.compact(rev - 2);
    assertThat(store.compactRevision()).isEqualTo(rev - 1);
    store.compact(rev - 1);
    assertThat(store.compactRevision()).isEqualTo(rev - 1);
    assertThat(store.range(RangeRequest.prefix("/m/", rev - 1, 0)).kvs()).hasSize(1);
    assertThat(store.currentRevision()).isEqualTo(rev);
  }

  @Test
  void compactingAFutureRevisionFails() {
    store.create("/m/a", bytes("1"));
    long rev = store.currentRevision();
    assertThatThrownBy(() -> store.compact(rev + 1)).isInstanceOf(FutureRevisionException.class);
    assertThat(store.compactRevision()).isLessThanOrEqualTo(rev).isNotEqualTo(rev + 1);
  }

  @Test
  void aWatchBelowTheCompactRevisionFails() throws Exception {
    store.create("/m/a", bytes("1"));
    store.update("/m/a", bytes("2"), 0);
    long rev = store.update("/m/a", bytes("3"), 0).modRevision();
    store.compact(rev);

    Recorder recorder = new Recorder();
    Watch watch = null;
    try {
      watch = store.watch("/m/", rev - 1, recorder);
    } catch (CompactedException expected) {
      return;
    }
    try {
      StoreException error = recorder.awaitError();
      assertThat(error).isInstanceOf(CompactedException.class);
      assertThat(recorder.events()).isEmpty();
    } finally {
      watch.close();
    }
  }

  @Test
  void aWatchAtTheCompactRevisionStillReplays() throws Exception {
    store.create("/m/a", bytes("1"));
    KeyValue v2 = store.update("/m/a", bytes("2"), 0);
    KeyValue v3 = store.update("/m/a", bytes("3"), 0);
    store.compact(v2.modRevision());
    Recorder recorder = new Recorder();
    try (Watch w = store.watch("/m/", v2.modRevision(), recorder)) {
      List<WatchEvent> events = recorder.awaitEvents(2);
      assertThat(events).extracting(ev -> ev.kv()).containsExactly(v2, v3);
      assertThat(events.get(1).prevKv()).isEqualTo(v2);
    }
  }

  // ---------------------------------------------------------------- watch

  @Test
  void aWatchFromAPastRevisionReplaysHistoryThenStreamsLiveEvents() throws Exception {
    KeyValue a1 = store.create("/w/a", bytes("a1"));
    KeyValue b1 = store.create("/w/b", bytes("b1"));
    KeyValue a2 = store.update("/w/a", bytes("a2"), a1.modRevision());
    DeleteResult bDel = store.delete("/w/b", 0);

    Recorder recorder = new Recorder();
    try (Watch w = store.watch("/w/", a1.modRevision(), recorder)) {
      List<WatchEvent> replayed = recorder.awaitEvents(4);
      KeyValue c1 = store.create("/w/c", bytes("c1"));
      KeyValue a3 = store.update("/w/a", bytes("a3"), 0);
      List<WatchEvent> events = recorder.awaitEvents(6);
      assertThat(events.subList(0, 4)).isEqualTo(replayed);

      assertThat(events)
          .extracting(WatchEvent::revision)
          .containsExactly(
              a1.modRevision(),
              b1.modRevision(),
              a2.modRevision(),
              bDel.revision(),
              c1.modRevision(),
              a3.modRevision());
      assertThat(events)
          .extracting(WatchEvent::type)
          .containsExactly(
              WatchEvent.Type.PUT,
              WatchEvent.Type.PUT,
              WatchEvent.Type.PUT,
              WatchEvent.Type.DELETE,
              WatchEvent.Type.PUT,
              WatchEvent.Type.PUT);
      assertThat(events.get(0).kv()).isEqualTo(a1);
      assertThat(events.get(0).prevKv()).isNull();
      assertThat(events.get(0).isCreate()).isTrue();
      assertThat(events.get(2).kv()).isEqualTo(a2);
      assertThat(events.get(2).prevKv()).isEqualTo(a1);
      assertThat(events.get(2).isCreate()).isFalse();
      assertThat(events.get(3).prevKv()).isEqualTo(b1);
      assertThat(events.get(4).kv()).isEqualTo(c1);
      assertThat(events.get(5).kv()).isEqualTo(a3);
      assertThat(events.get(5).prevKv()).isEqualTo(a2);
      recorder.assertNothingMoreAfter(QUIET);
      assertThat(recorder.error()).isNull();
    }
  }

  @Test
  void aDeleteEventCarriesAnEmptyValueTheDeleteRevisionAndThePreviousVersion() throws Exception {
    KeyValue v1 = store.create("/w/a", bytes("payload"));
    Recorder recorder = new Recorder();
    try (Watch w = store.watch("/w/", 0, recorder)) {
      DeleteResult del = store.delete("/w/a", v1.modRevision());
      WatchEvent ev = recorder.awaitEvents(1).get(0);
      assertThat(ev.type()).isEqualTo(WatchEvent.Type.DELETE);
      assertThat(ev.kv().key()).isEqualTo("/w/a");
      assertThat(ev.kv().value()).isEmpty();
      assertThat(ev.kv().modRevision()).isEqualTo(del.revision());
      assertThat(ev.revision()).isEqualTo(del.revision());
      assertThat(ev.prevKv()).isEqualTo(v1);
      assertThat(ev.isCreate()).isFalse();
    }
  }

  @Test
  void aWatchFromZeroSeesOnlyLaterChanges() throws Exception {
    store.create("/w/before", bytes("x"));
    Recorder recorder = new Recorder();
    try (Watch w = store.watch("/w/", 0, recorder)) {
      KeyValue after = store.create("/w/after", bytes("y"));
      List<WatchEvent> events = recorder.awaitEvents(1);
      assertThat(events.get(0).kv()).isEqualTo(after);
      recorder.assertNothingMoreAfter(QUIET);
    }
  }

  @Test
  void aWatchFromAFutureRevisionStartsThere() throws Exception {
    long start = store.currentRevision() + 2;
    Recorder recorder = new Recorder();
    try (Watch w = store.watch("/w/", start, recorder)) {
      store.create("/w/a", bytes("1"));
      KeyValue second = store.create("/w/b", bytes("2"));
      assertThat(second.modRevision()).isEqualTo(start);
      List<WatchEvent> events = recorder.awaitEvents(1);
      assertThat(events.get(0).kv()).isEqualTo(second);
      recorder.assertNothingMoreAfter(QUIET);
    }
  }

  @Test
  void aWatchSeesOnlyItsPrefix() throws Exception {
    Recorder pods = new Recorder();
    Recorder services = new Recorder();
    try (Watch w1 = store.watch("/registry/pods/", 0, pods);
        Watch w2 = store.watch("/registry/services/", 0, services)) {
      KeyValue pod = store.create("/registry/pods/default/p", bytes("p"));
      KeyValue svc = store.create("/registry/services/default/s", bytes("s"));
      store.create("/registry/podsecuritypolicy/x", bytes("not a pod"));
      KeyValue pod2 = store.update("/registry/pods/default/p", bytes("p2"), 0);
      assertThat(pods.awaitEvents(2)).extracting(WatchEvent::kv).containsExactly(pod, pod2);
      assertThat(services.awaitEvents(1)).extracting(WatchEvent::kv).containsExactly(svc);
      pods.assertNothingMoreAfter(QUIET);
      services.assertNothingMoreAfter(Duration.ZERO);
    }
  }

  @Test
  void aClosedWatchStopsDelivery() throws Exception {
    Recorder recorder = new Recorder();
    Watch w = store.watch("/w/", 0, recorder);
    store.create("/w/a", bytes("1"));
    recorder.awaitEvents(1);
    w.close();
    w.close();
    store.create("/w/b", bytes("2"));
    store.update("/w/a", bytes("3"), 0);
    recorder.assertNothingMoreAfter(QUIET);
    assertThat(recorder.events()).hasSize(1);
    assertThat(recorder.error()).isNull();
  }

  @Test
  void closingAWatchFromItsListenerStopsDelivery() throws Exception {
    AtomicReference<Watch> self = new AtomicReference<>();
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    WatchListener listener =
        new WatchListener() {
          @Override
          public void onEvents(List<WatchEvent> events) {
            seen.addAll(events);
            while (self.get() == null) {
              Thread.onSpinWait();
            }
            self.get().close();
            first.countDown();
          }

          @Override
          public void onError(StoreException error) {}
        };
    long from = store.create("/w/a", bytes("1")).modRevision();
    store.create("/w/b", bytes("2"));
    self.set(store.watch("/w/", from, listener));
    assertThat(first.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    store.create("/w/c", bytes("3"));
    Thread.sleep(QUIET.toMillis());
    // The first call may carry both replayed revisions; nothing arrives after close.
    assertThat(seen).extracting(ev -> ev.kv().key()).isSubsetOf("/w/a", "/w/b");
  }

  @Test
  void concurrentWritersAreSeenByAWatcherExactlyOnceInOrder() throws Exception {
    int threads = 8;
    int writesPerThread = 200;
    long startRevision = store.currentRevision();
    Recorder recorder = new Recorder();
    Map<Long, KeyValue> acknowledged = new ConcurrentHashMap<>();
    Map<Long, String> deletes = new ConcurrentHashMap<>();
    AtomicInteger conflicts = new AtomicInteger();
    store.create("/cc/shared", bytes("0"));
    long sharedRevision = store.currentRevision();
    acknowledged.put(sharedRevision, store.get("/cc/shared").orElseThrow());

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Watch w = store.watch("/cc/", startRevision + 1, recorder)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < writesPerThread; i++) {
                    String key = "/cc/t" + thread + "/k" + (i % 20);
                    if (i % 10 == 9) {
                      // A contended optimistic update: some succeed, some conflict.
                      KeyValue cur = store.get("/cc/shared").orElseThrow();
                      try {
                        KeyValue kv =
                            store.update("/cc/shared", bytes(thread + ":" + i), cur.modRevision());
                        acknowledged.put(kv.modRevision(), kv);
                      } catch (RevisionMismatchException e) {
                        conflicts.incrementAndGet();
                        KeyValue kv = store.update("/cc/shared", bytes(thread + ":" + i), 0);
                        acknowledged.put(kv.modRevision(), kv);
                      }
                    } else if (i < 20) {
                      KeyValue kv = store.create(key, bytes(thread + ":" + i));
                      acknowledged.put(kv.modRevision(), kv);
                    } else if (i % 7 == 0) {
                      DeleteResult d = store.delete(key, 0);
                      deletes.put(d.revision(), key);
                      KeyValue kv = store.create(key, bytes(thread + ":" + i));
                      acknowledged.put(kv.modRevision(), kv);
                    } else {
                      KeyValue kv = store.update(key, bytes(thread + ":" + i), 0);
                      acknowledged.put(kv.modRevision(), kv);
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      int total = acknowledged.size() + deletes.size();
      long end = store.currentRevision();
      assertThat(end).isEqualTo(startRevision + total);

      List<WatchEvent> events = recorder.awaitEvents(total);
      recorder.assertNothingMoreAfter(QUIET);
      assertThat(recorder.overlappingCalls()).isFalse();
      assertThat(recorder.error()).isNull();
      for (int i = 0; i < events.size(); i++) {
        WatchEvent ev = events.get(i);
        long rev = startRevision + 1 + i;
        assertThat(ev.revision()).isEqualTo(rev);
        if (ev.type() == WatchEvent.Type.PUT) {
          assertThat(ev.kv()).isEqualTo(acknowledged.get(rev));
        } else {
          assertThat(ev.kv().key()).isEqualTo(deletes.get(rev));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- limits

  @Test
  void valuesAboveTheLimitAreRefusedAndTheLimitItselfIsAccepted() {
    int max = store.maxValueSize();
    assertThat(max).isPositive();
    assertThatThrownBy(() -> store.create("/big/a", new byte[max + 1]))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(store.get("/big/a")).isEmpty();

    byte[] largest = new byte[max];
    Arrays.fill(largest, (byte) 'x');
    KeyValue kv = store.create("/big/a", largest);
    assertThat(store.get("/big/a").orElseThrow().value()).isEqualTo(largest);
    assertThatThrownBy(() -> store.update("/big/a", new byte[max + 1], 0))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(store.get("/big/a")).contains(kv);
  }

  // ---------------------------------------------------------------- helpers

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static List<String> keys(RangeResult r) {
    return r.kvs().stream().map(KeyValue::key).toList();
  }

  /** A listener that records what it receives and lets the test wait for it. */
  protected static final class Recorder implements WatchListener {
    private final List<WatchEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<StoreException> error = new AtomicReference<>();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final AtomicBoolean overlapping = new AtomicBoolean();
    private final AtomicInteger calls = new AtomicInteger();
    private final Object signal = new Object();

    @Override
    public void onEvents(List<WatchEvent> batch) {
      if (!inCall.compareAndSet(false, true)) {
        overlapping.set(true);
      }
      try {
        assertSorted(batch);
        events.addAll(batch);
        calls.incrementAndGet();
      } finally {
        inCall.set(false);
      }
      synchronized (signal) {
        signal.notifyAll();
      }
    }

    private static void assertSorted(List<WatchEvent> batch) {
      for (int i = 1; i < batch.size(); i++) {
        if (batch.get(i).revision() <= batch.get(i - 1).revision()) {
          throw new AssertionError("events out of order in one call: " + batch);
        }
      }
    }

    @Override
    public void onError(StoreException e) {
      error.compareAndSet(null, e);
      synchronized (signal) {
        signal.notifyAll();
      }
    }

    public List<WatchEvent> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    public StoreException error() {
      return error.get();
    }

    public boolean overlappingCalls() {
      return overlapping.get();
    }

    /** Waits until at least {@code n} events arrived; returns all events so far. */
    public List<WatchEvent> awaitEvents(int n) throws InterruptedException {
      awaitCondition(r -> r.events.size() >= n, "at least " + n + " events");
      List<WatchEvent> all = events();
      assertThat(all).extracting(WatchEvent::revision).isSorted().doesNotHaveDuplicates();
      return all;
    }

    public StoreException awaitError() throws InterruptedException {
      awaitCondition(r -> r.error.get() != null, "an error");
      return error.get();
    }

    /** Asserts that no further event arrives within {@code quiet}. */
    public void assertNothingMoreAfter(Duration quiet) throws InterruptedException {
      int before = events.size();
      Thread.sleep(quiet.toMillis());
      assertThat(events()).as("events after the expected ones").hasSize(before);
    }

    private void awaitCondition(Predicate<Recorder> done, String what) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      synchronized (signal) {
        while (!done.test(this)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "timed out waiting for " + what + "; got " + events() + ", error " + error.get());
          }
          if (error.get() != null && !what.equals("an error")) {
            throw new AssertionError("watch failed while waiting for " + what, error.get());
          }
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
      }
    }
  }
}

package io.karavel.store.cache.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.embedded.internal.EmbeddedStoreFactory;
import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.KeyValueStoreFactory.ClosableKeyValueStore;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import io.karavel.store.spi.conformance.ComponentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fan-out from one store watch per resource, the history window, and the fallbacks. */
class WatchCacheTest {
  @TempDir Path dir;
  private ClosableKeyValueStore backing;
  private final AtomicInteger storeWatches = new AtomicInteger();
  private WatchCache cache;

  @BeforeEach
  void open() {
    backing = new EmbeddedStoreFactory().open(Map.of("dataDir", dir.toString(), "fsync", "false"));
    KeyValueStore counting =
        new ForwardingKeyValueStore() {
          @Override
          protected KeyValueStore delegate() {
            return backing;
          }

          @Override
          public Watch watch(String prefix, long startRevision, WatchListener listener) {
            storeWatches.incrementAndGet();
            return super.watch(prefix, startRevision, listener);
          }
        };
    cache =
        new WatchCache(
            counting, ComponentConfig.of(WatchCache.Config.class, Map.of("historyEvents", 10)));
  }

  @AfterEach
  void close() {
    cache.deactivate();
    backing.close();
  }

  /** Collects events; records an error. */
  static final class Recorder implements WatchListener {
    final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    volatile StoreException error;

    @Override
    public void onEvents(List<WatchEvent> batch) {
      events.addAll(batch);
    }

    @Override
    public void onError(StoreException e) {
      error = e;
    }

    List<String> keys() {
      return events.stream().map(e -> e.kv().key()).toList();
    }

    void awaitSize(int n) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (events.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(events).hasSizeGreaterThanOrEqualTo(n);
    }
  }

  @Test
  void oneStoreWatchPerResourceServesEveryNamespace() throws Exception {
    Recorder all = new Recorder();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    Recorder secrets = new Recorder();
    cache.watch("/registry/configmaps/", 0, all);
    cache.watch("/registry/configmaps/a/", 0, a);
    cache.watch("/registry/configmaps/b/", 0, b);
    cache.watch("/registry/secrets/", 0, secrets);
    assertThat(storeWatches.get()).as("one per resource").isEqualTo(2);
    assertThat(cache.subscribers("/registry/configmaps/")).isEqualTo(3);

    put("/registry/configmaps/a/x");
    put("/registry/configmaps/b/y");
    put("/registry/configmaps/ab/z"); // not in namespace a
    put("/registry/secrets/a/s");
    backing.delete("/registry/configmaps/a/x", 0);

    all.awaitSize(4);
    a.awaitSize(2);
    b.awaitSize(1);
    secrets.awaitSize(1);
    Thread.sleep(100);
    assertThat(all.keys())
        .containsExactly(
            "/registry/configmaps/a/x",
            "/registry/configmaps/b/y",
            "/registry/configmaps/ab/z",
            "/registry/configmaps/a/x");
    assertThat(a.keys()).containsExactly("/registry/configmaps/a/x", "/registry/configmaps/a/x");
    assertThat(a.events.get(1).type()).isEqualTo(WatchEvent.Type.DELETE);
    assertThat(b.keys()).containsExactly("/registry/configmaps/b/y");
    assertThat(secrets.keys()).containsExactly("/registry/secrets/a/s");
  }

  @Test
  void watchesFromThePastAreReplayedFromTheWindowOrTheStore() throws Exception {
    Recorder first = new Recorder();
    long start = backing.currentRevision() + 1;
    cache.watch("/registry/pods/", start, first);
    long[] revisions = new long[30];
    for (int i = 0; i < 30; i++) {
      revisions[i] = put("/registry/pods/ns/p" + i);
    }
    first.awaitSize(30);
    assertThat(storeWatches.get()).isEqualTo(1);

    Recorder recent = new Recorder();
    cache.watch("/registry/pods/ns/", revisions[25], recent);
    recent.awaitSize(5);
    assertThat(storeWatches.get()).as("inside the window: served from the cache").isEqualTo(1);
    assertThat(recent.events.get(0).revision()).isEqualTo(revisions[25]);

    Recorder old = new Recorder();
    cache.watch("/registry/pods/ns/", revisions[3], old);
    old.awaitSize(27);
    assertThat(storeWatches.get()).as("before the window: the store's own watch").isEqualTo(2);
    assertThat(old.events.get(0).revision()).isEqualTo(revisions[3]);

    put("/registry/pods/ns/late");
    recent.awaitSize(6);
    old.awaitSize(28);
    assertThat(recent.events).extracting(WatchEvent::revision).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aCompactedRevisionIsGoneFromTheCacheToo() {
    cache.watch("/registry/pods/", 0, new Recorder());
    long first = put("/registry/pods/ns/a");
    put("/registry/pods/ns/b");
    long last = put("/registry/pods/ns/c");
    backing.compact(last);
    assertThatThrownBy(() -> cache.watch("/registry/pods/", first, new Recorder()))
        .isInstanceOf(CompactedException.class);
  }

  @Test
  void stoppingEndsEveryWatchAsUnavailable() {
    Recorder r = new Recorder();
    cache.watch("/registry/pods/", 0, r);
    cache.deactivate();
    assertThat(r.error).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void theShippedCfgFileListsEveryKeyAtItsDefault() throws Exception {
    String cfg = java.nio.file.Files.readString(Path.of("../../config/io.karavel.store.cache.cfg"));
    Map<String, String> documented = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^#(\\w+) = (.*)$").matcher(cfg);
    while (m.find()) {
      documented.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> defaults = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.Method method : WatchCache.Config.class.getDeclaredMethods()) {
      defaults.put(method.getName(), String.valueOf(method.getDefaultValue()));
    }
    assertThat(documented).isEqualTo(defaults);
  }

  private long put(String key) {
    return backing.get(key).isPresent()
        ? backing.update(key, "v".getBytes(UTF_8), 0).modRevision()
        : backing.create(key, "v".getBytes(UTF_8)).modRevision();
  }
}

package io.karavel.store.cache.internal;

import io.karavel.store.embedded.internal.EmbeddedStoreFactory;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.KeyValueStoreFactory.ClosableKeyValueStore;
import io.karavel.store.spi.conformance.ComponentConfig;
import io.karavel.store.spi.conformance.KeyValueStoreConformanceTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The watch cache keeps the store's contract: the shared suite over a real embedded store. */
class WatchCacheConformanceTest extends KeyValueStoreConformanceTest {
  @TempDir Path dir;
  private ClosableKeyValueStore backing;

  @Override
  protected KeyValueStore newStore() {
    backing = new EmbeddedStoreFactory().open(Map.of("dataDir", dir.resolve("store").toString()));
    // A small window, so that the suite's watches from the past also take the store's path.
    return new WatchCache(
        backing, ComponentConfig.of(WatchCache.Config.class, Map.of("historyEvents", 5)));
  }

  @Override
  protected void closeStore(KeyValueStore store) {
    ((WatchCache) store).deactivate();
    backing.close();
  }
}

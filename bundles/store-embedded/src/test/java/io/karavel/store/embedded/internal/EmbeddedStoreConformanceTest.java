package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.conformance.KeyValueStoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store against the shared contract, with fsync on as in production. */
class EmbeddedStoreConformanceTest extends KeyValueStoreConformanceTest {
  @TempDir Path dir;

  @Override
  protected KeyValueStore newStore() throws Exception {
    return LogStore.open(StoreSettings.defaults(dir.resolve("store")));
  }
}

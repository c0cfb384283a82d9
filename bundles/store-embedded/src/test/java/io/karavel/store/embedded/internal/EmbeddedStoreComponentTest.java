package io.karavel.store.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import io.karavel.store.spi.conformance.ComponentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component: configuration and life cycle. */
class EmbeddedStoreComponentTest {
  @TempDir Path dir;

  static EmbeddedStore.Config config(Map<String, Object> values) {
    return ComponentConfig.of(EmbeddedStore.Config.class, values);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    StoreSettings s = EmbeddedStore.settings(config(Map.of()));
    assertThat(s.fsync()).isTrue();
    assertThat(s.maxValueBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(s.compactionInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.historyRetention()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.historyMaxRevisions()).isEqualTo(100_000);
    assertThat(s.snapshotEveryBytes()).isEqualTo(64L << 20);
  }

  @Test
  void theDataDirectoryFollowsKarafData() {
    String saved = System.getProperty("karaf.data");
    try {
      System.setProperty("karaf.data", "/opt/karavel/data");
      assertThat(EmbeddedStore.resolveDataDir("${karaf.data}/store"))
          .isEqualTo(Path.of("/opt/karavel/data/store"));
      System.clearProperty("karaf.data");
      assertThat(EmbeddedStore.resolveDataDir("${karaf.data}/store"))
          .isEqualTo(Path.of("data/store").toAbsolutePath());
      assertThat(EmbeddedStore.resolveDataDir(""))
          .isEqualTo(Path.of("data/store").toAbsolutePath());
      assertThat(EmbeddedStore.resolveDataDir("/srv/store")).isEqualTo(Path.of("/srv/store"));
    } finally {
      if (saved != null) {
        System.setProperty("karaf.data", saved);
      }
    }
  }

  @Test
  void dataSurvivesDeactivationAndActivation() throws Exception {
    EmbeddedStore component = new EmbeddedStore();
    component.activate(config(Map.of("dataDir", dir.toString())));
    component.create("/a", "1".getBytes(UTF_8));
    component.deactivate();
    assertThatThrownBy(() -> component.get("/a")).isInstanceOf(StoreUnavailableException.class);

    component.activate(config(Map.of("dataDir", dir.toString())));
    try {
      assertThat(component.get("/a").orElseThrow().value()).isEqualTo("1".getBytes(UTF_8));
      assertThat(component.currentRevision()).isEqualTo(2);
    } finally {
      component.deactivate();
    }
    // The directory lock is released: another store can open it now.
    LogStore.open(StoreSettings.defaults(dir)).close();
  }

  @Test
  void modifiedAppliesTunablesLiveAndReopensOnANewDirectory() throws Exception {
    EmbeddedStore component = new EmbeddedStore();
    component.activate(config(Map.of("dataDir", dir.resolve("one").toString())));
    try {
      LogStore first = component.engine();
      component.create("/a", new byte[10]);
      CompletableFuture<StoreException> ended = new CompletableFuture<>();
      component.watch(
          "/",
          0,
          new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {}

            @Override
            public void onError(StoreException error) {
              ended.complete(error);
            }
          });

      component.modified(
          config(Map.of("dataDir", dir.resolve("one").toString(), "maxValueBytes", 16)));
      assertThat(component.engine()).isSameAs(first);
      assertThat(component.maxValueSize()).isEqualTo(16);
      assertThat(ended).isNotDone();

      component.modified(config(Map.of("dataDir", dir.resolve("two").toString())));
      assertThat(component.engine()).isNotSameAs(first);
      assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(StoreUnavailableException.class);
      assertThat(component.get("/a")).isEmpty();
      assertThat(component.currentRevision()).isEqualTo(1);
    } finally {
      component.deactivate();
    }
  }
}

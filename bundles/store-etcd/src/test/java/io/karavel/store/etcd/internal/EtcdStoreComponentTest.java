package io.karavel.store.etcd.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.conformance.ComponentConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DS component: configuration and life cycle. */
class EtcdStoreComponentTest {
  @RegisterExtension static final EtcdPerClass etcd = new EtcdPerClass();

  static EtcdStore.Config config(Map<String, Object> values) {
    return ComponentConfig.of(EtcdStore.Config.class, values);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    EtcdSettings s = EtcdStore.settings(config(Map.of()));
    assertThat(s.endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
    assertThat(s.tls()).isFalse();
    assertThat(s.caFile()).isNull();
    assertThat(s.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.keepaliveTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.compactionInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.keyPrefix()).isEmpty();
    assertThat(s.maxValueBytes()).isEqualTo(1_572_864 - 4_096);
  }

  @Test
  void theShippedCfgFileListsEveryKeyAtItsDefault() throws IOException {
    Path cfg = Path.of("../../config/io.karavel.store.etcd.cfg");
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^#(\\w+) =[ ]?(.*)$").matcher(Files.readString(cfg, UTF_8));
    while (m.find()) {
      documented.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Method method : EtcdStore.Config.class.getDeclaredMethods()) {
      defaults.put(method.getName(), String.valueOf(method.getDefaultValue()));
    }
    assertThat(documented).isEqualTo(defaults);
  }

  @Test
  void endpointsAreCheckedWhenConfigured() {
    EtcdSettings two =
        EtcdStore.settings(config(Map.of("endpoints", " https://a:2379, https://b:2379 ")));
    assertThat(two.endpoints()).hasSize(2);
    assertThat(two.tls()).isTrue();
    assertThatThrownBy(
            () -> EtcdStore.settings(config(Map.of("endpoints", "http://a:2379,https://b:2379"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixed");
    assertThatThrownBy(() -> EtcdStore.settings(config(Map.of("endpoints", "unix:///run/etcd"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdStore.settings(config(Map.of("endpoints", " "))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdStore.settings(config(Map.of("certFile", "/etc/etcd/c.pem"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyFile");
    assertThat(EtcdStore.settings(config(Map.of("caFile", "/etc/etcd/ca.pem"))).tls()).isTrue();
  }

  @Test
  void configurationChangesApplyLive() throws Exception {
    EtcdStore component = new EtcdStore();
    component.activate(config(Map.of("endpoints", etcd.clientUrl(), "keyPrefix", "/one")));
    try {
      component.create("/registry/a", "1".getBytes(UTF_8));
      JetcdStore first = component.engine();
      JetcdStoreTest.Listener listener = new JetcdStoreTest.Listener();
      Watch watch = component.watch("/registry/", 0, listener);

      // Only the compaction interval: same connection, the watch goes on.
      component.modified(
          config(
              Map.of(
                  "endpoints",
                  etcd.clientUrl(),
                  "keyPrefix",
                  "/one",
                  "compactionIntervalSeconds",
                  0L)));
      assertThat(component.engine()).isSameAs(first);
      component.create("/registry/b", "2".getBytes(UTF_8));
      assertThat(listener.await(1)).hasSize(1);

      // Anything else reconnects and ends the old watches.
      component.modified(config(Map.of("endpoints", etcd.clientUrl(), "keyPrefix", "/two")));
      assertThat(component.engine()).isNotSameAs(first);
      assertThat(listener.error.get(10, TimeUnit.SECONDS))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(component.get("/registry/a")).isEmpty();
      component.create("/registry/a", "other".getBytes(UTF_8));
      assertThat(component.get("/registry/a").orElseThrow().value())
          .isEqualTo("other".getBytes(UTF_8));
      watch.close();
    } finally {
      component.deactivate();
    }
    assertThatThrownBy(() -> component.get("/registry/a"))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(component::currentRevision).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void activationDoesNotWaitForTheCluster() {
    EtcdStore component = new EtcdStore();
    long start = System.nanoTime();
    component.activate(
        config(Map.of("endpoints", "http://127.0.0.1:1", "requestTimeoutMillis", 500L)));
    try {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(component.maxValueSize()).isPositive();
      assertThatThrownBy(component::currentRevision).isInstanceOf(StoreUnavailableException.class);
      assertThat(List.of(component.engine().settings().endpoints().get(0).getPort())).contains(1);
    } finally {
      component.deactivate();
    }
  }
}

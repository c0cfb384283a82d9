package io.karavel.store.shell.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.embedded.internal.EmbeddedStoreFactory;
import io.karavel.store.etcd.internal.EtcdProcess;
import io.karavel.store.etcd.internal.EtcdStoreFactory;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStoreFactory.ClosableKeyValueStore;
import io.karavel.store.spi.RangeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy from a real embedded store into a real etcd, and its verification. */
class StoreCopierTest {
  private static EtcdProcess etcd;
  private static int prefixes;

  @TempDir Path dataDir;
  private final EmbeddedStoreFactory embeddedFactory = new EmbeddedStoreFactory();
  private final EtcdStoreFactory etcdFactory = new EtcdStoreFactory();
  private ClosableKeyValueStore source;
  private ClosableKeyValueStore target;
  private final List<String> progress = new ArrayList<>();

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdProcess.start();
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    etcd.close();
  }

  @BeforeEach
  void open() {
    source = embeddedFactory.open(Map.of("dataDir", dataDir.toString(), "fsync", "false"));
    // A fresh key prefix per test: an empty target each time on the one etcd.
    target =
        etcdFactory.open(Map.of("endpoints", etcd.clientUrl(), "keyPrefix", "/t" + prefixes++));
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  @Test
  void copiesEveryKeyAndValueAsOfOneRevision() {
    Random random = new Random(7);
    for (int i = 0; i < 1203; i++) {
      byte[] value = new byte[1 + random.nextInt(2000)];
      random.nextBytes(value);
      source.create(String.format("/registry/configmaps/ns%d/cm-%04d", i % 3, i), value);
    }
    source.update("/registry/configmaps/ns0/cm-0000", "changed".getBytes(UTF_8), 0);
    source.delete("/registry/configmaps/ns1/cm-0001", 0);
    source.create("/registry/namespaces/default", "{}".getBytes(UTF_8));
    source.create("/other/not-copied", "x".getBytes(UTF_8));

    StoreCopier.Result r =
        new StoreCopier(source, target, 500, progress::add).copy("/registry/", false);

    assertThat(r.ok()).as("%s", r.mismatches()).isTrue();
    assertThat(r.copied()).isEqualTo(1203);
    assertThat(r.verified()).isEqualTo(1203);
    assertThat(r.sourceRevision()).isEqualTo(source.currentRevision());
    assertThat(progress).contains("  copied 500/1203", "  copied 1203/1203");
    // Independently of the copier's own check: every source key is in etcd with its bytes.
    List<KeyValue> want = source.range(RangeRequest.prefix("/registry/")).kvs();
    List<KeyValue> got = target.range(RangeRequest.prefix("/registry/")).kvs();
    assertThat(got).hasSize(want.size());
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).key()).isEqualTo(want.get(i).key());
      assertThat(got.get(i).value()).isEqualTo(want.get(i).value());
    }
    assertThat(target.get("/registry/configmaps/ns0/cm-0000").orElseThrow().value())
        .isEqualTo("changed".getBytes(UTF_8));
    assertThat(target.get("/registry/configmaps/ns1/cm-0001")).isEmpty();
    assertThat(target.get("/other/not-copied")).isEmpty();
  }

  @Test
  void refusesToReplaceUnlessTold() {
    source.create("/registry/pods/default/a", "new".getBytes(UTF_8));
    target.create("/registry/pods/default/a", "old".getBytes(UTF_8));
    StoreCopier copier = new StoreCopier(source, target, 10, progress::add);
    assertThat(copier.targetCount("/registry/")).isEqualTo(1);

    assertThatThrownBy(() -> copier.copy("/registry/", false))
        .isInstanceOf(KeyExistsException.class);
    StoreCopier.Result r = copier.copy("/registry/", true);

    assertThat(r.ok()).isTrue();
    assertThat(r.overwritten()).isEqualTo(1);
    assertThat(target.get("/registry/pods/default/a").orElseThrow().value())
        .isEqualTo("new".getBytes(UTF_8));
  }

  @Test
  void reportsKeysThatOnlyTheTargetHolds() {
    source.create("/registry/pods/default/a", "a".getBytes(UTF_8));
    target.create("/registry/pods/default/zz", "stale".getBytes(UTF_8));

    StoreCopier.Result r =
        new StoreCopier(source, target, 10, progress::add).copy("/registry/", true);

    assertThat(r.ok()).isFalse();
    assertThat(r.mismatches()).containsExactly("/registry/pods/default/zz: only in the target");
  }
}

package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A single-node user grows into etcd: objects created on the embedded store, {@code
 * kube:store-migrate} in the Karaf console, then {@code backend = etcd} in {@code
 * etc/io.karavel.store.cfg} while a reader keeps asking; and back. Exactly one store serves at a
 * time, and every answer during the switches is either right or 503.
 */
class EtcdBackendSwitchIT {
  private static final String NS = "/api/v1/namespaces/grow/configmaps";

  private static EtcdCluster etcd;
  private static KaravelCluster cluster;
  private static KarafConsole console;
  private static RestCalls api;
  private static Etcdctl etcdctl;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdCluster.start(1);
    etcdctl = new Etcdctl(etcd.endpoints());
    cluster = KaravelCluster.prepare(EtcdStoreIT.allInOne());
    // etcd is configured but not chosen: the embedded store serves (the shipped default).
    cluster.config("io.karavel.store.etcd", Map.of("endpoints", etcd.endpoints()));
    console = KarafConsole.enable(cluster);
    cluster.launch();
    api = new RestCalls(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void migrateThenSwitchLiveAndBack() throws Exception {
    assertThat(api.post("/api/v1/namespaces", namespace("grow")).status()).isEqualTo(201);
    for (int i = 0; i < 30; i++) {
      assertThat(api.post(NS, configMap("cm-" + i, "v" + i)).status()).isEqualTo(201);
    }
    assertThat(etcdctl.keys("/registry/")).as("the etcd store does not run").isEmpty();

    String migrated = console.run("kube:store-migrate");
    assertThat(migrated).containsPattern("verified (\\d+) of \\1 identical in etcd");
    assertThat(etcdctl.keys("/registry/configmaps/grow/")).hasSize(30);
    assertThat(etcdctl.value("/registry/configmaps/grow/cm-7")).contains("\"v7\"");
    // A second run refuses to overwrite.
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() -> console.run("kube:store-migrate")))
        .hasMessageContaining("etcd already holds");

    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> wrong = new CopyOnWriteArrayList<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = new Thread(() -> readUntilStopped(reading, statuses, wrong));
    reader.start();
    try {
      Thread.sleep(500);
      cluster.config("io.karavel.store", Map.of("backend", "etcd"));
      awaitServedBy("etcd", "after-etcd");
      Thread.sleep(500);
    } finally {
      reading.set(false);
      reader.join(30_000);
    }
    System.out.println("EtcdBackendSwitchIT: answers during the switch to etcd: " + statuses);
    assertThat(wrong).isEmpty();
    assertThat(statuses.keySet()).as("%s", statuses).isSubsetOf(200, 503);
    assertThat(statuses.get(200)).isGreaterThan(0);
    assertThat(etcdctl.keys("/registry/configmaps/grow/"))
        .contains("/registry/configmaps/grow/after-etcd");

    // Back to the embedded store: its data is as it was, the object written to etcd is not there.
    cluster.config("io.karavel.store", Map.of("backend", "embedded"));
    awaitServedBy("embedded", "after-embedded");
    assertThat(api.get(NS + "/after-etcd").status()).isEqualTo(404);
    assertThat(api.get(NS + "/cm-7").body().path("data").path("k").asText()).isEqualTo("v7");
    assertThat(etcdctl.keys("/registry/configmaps/grow/"))
        .doesNotContain("/registry/configmaps/grow/after-embedded");

    // A switch to an empty etcd keyspace: the API server creates the system namespaces there.
    cluster.config("io.karavel.store.etcd", Map.of("keyPrefix", "/fresh"));
    cluster.config("io.karavel.store", Map.of("backend", "etcd"));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (etcdctl.value("/fresh/registry/namespaces/default").isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(etcdctl.keys("/fresh/registry/namespaces/"))
        .contains("/fresh/registry/namespaces/default", "/fresh/registry/namespaces/kube-system");
    assertThat(api.get("/api/v1/namespaces/default").status()).isEqualTo(200);
    assertThat(api.get(NS + "/cm-7").status()).as("not in the fresh keyspace").isEqualTo(404);
  }

  /** Reads cm-0..cm-29 in turn; every 200 must carry the object's own value. */
  private static void readUntilStopped(
      AtomicBoolean reading, Map<Integer, Integer> statuses, List<String> wrong) {
    int i = 0;
    while (reading.get()) {
      int n = i++ % 30;
      try {
        RestCalls.Answer a = api.get(NS + "/cm-" + n);
        statuses.merge(a.status(), 1, Integer::sum);
        if (a.status() == 200 && !a.body().path("data").path("k").asText().equals("v" + n)) {
          wrong.add("cm-" + n + ": " + a.body());
        }
        if (a.status() != 200 && a.status() != 503) {
          wrong.add("cm-" + n + ": " + a.status() + " " + a.body());
        }
      } catch (Exception e) {
        wrong.add("cm-" + n + ": " + e);
      }
    }
  }

  /**
   * Waits until creates through the API land in {@code backend} (checked in etcd): the old store
   * may serve for a moment after the file changed. The last create is named {@code name}.
   */
  private static void awaitServedBy(String backend, String name) throws Exception {
    boolean wantEtcd = backend.equals("etcd");
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      String probe = name + "-probe-" + attempt;
      RestCalls.Answer a = api.post(NS, configMap(probe, "x"));
      if (a.status() == 201
          && !etcdctl.value("/registry/configmaps/grow/" + probe).isEmpty() == wantEtcd) {
        RestCalls.Answer last = api.post(NS, configMap(name, "x"));
        assertThat(last.status()).as("%s", last).isEqualTo(201);
        assertThat(!etcdctl.value("/registry/configmaps/grow/" + name).isEmpty())
            .isEqualTo(wantEtcd);
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(backend + " did not start serving:\n" + cluster.tail());
  }

  static ObjectNode namespace(String name) {
    ObjectNode ns = RestCalls.JSON.createObjectNode();
    ns.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", name);
    return ns;
  }

  static ObjectNode configMap(String name, String value) {
    ObjectNode cm = RestCalls.JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", name);
    cm.putObject("data").put("k", value);
    return cm;
  }
}

package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one configured for etcd ({@code backend = etcd}, as {@code ./karavel up --store=etcd}
 * writes it) on a real etcd 3.4 started on loopback ports of its own, driven by the real kubectl;
 * etcdctl shows what landed in etcd.
 */
class EtcdStoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EtcdCluster etcd;
  private static KaravelCluster cluster;
  private static Kubectl kubectl;
  private static Etcdctl etcdctl;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdCluster.start(1);
    etcdctl = new Etcdctl(etcd.endpoints());
    cluster = KaravelCluster.prepare(allInOne());
    cluster
        .config("io.karavel.store", Map.of("backend", "etcd"))
        .config(
            "io.karavel.store.etcd",
            Map.of("endpoints", etcd.endpoints(), "requestTimeoutMillis", "3000"));
    cluster.launch();
    kubectl = new Kubectl(cluster.kubeconfig());
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

  static Path allInOne() {
    return Path.of(System.getProperty("karavel.distribution", "target/distribution"));
  }

  @Test
  void theSystemObjectsAreInEtcdAndNothingInTheEmbeddedStore() throws Exception {
    assertThat(etcdctl.keys("/registry/namespaces/"))
        .contains(
            "/registry/namespaces/default",
            "/registry/namespaces/kube-system",
            "/registry/namespaces/kube-public");
    assertThat(etcdctl.keys("/registry/services/default/"))
        .contains("/registry/services/default/kubernetes");
    // Exactly one store runs: the embedded one never opened its log.
    assertThat(cluster.home().resolve("data/store")).doesNotExist();
  }

  @Test
  void createGetWatchDeleteThroughKubectlLandInEtcd() throws Exception {
    ok("create", "namespace", "on-etcd");
    Process watch =
        kubectl.start("-n", "on-etcd", "get", "configmaps", "-w", "--output-watch-events");
    List<String> events = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  events.add(line);
                }
              } catch (Exception e) {
                events.add("reader: " + e);
              }
            });
    reader.start();
    try {
      Thread.sleep(1500); // the watch is open before the first write
      ok("-n", "on-etcd", "create", "configmap", "settings", "--from-literal=mode=fast");

      String stored = etcdctl.value("/registry/configmaps/on-etcd/settings");
      JsonNode object = JSON.readTree(stored);
      assertThat(object.path("data").path("mode").asText()).isEqualTo("fast");
      assertThat(object.path("metadata").has("resourceVersion"))
          .as("the resourceVersion is etcd's mod_revision, not stored")
          .isFalse();
      String rv =
          ok(
              "-n",
              "on-etcd",
              "get",
              "cm",
              "settings",
              "-o",
              "jsonpath={.metadata.resourceVersion}");
      assertThat(Long.parseLong(rv))
          .isEqualTo(modRevision("/registry/configmaps/on-etcd/settings"));

      ok(
          "-n",
          "on-etcd",
          "patch",
          "cm",
          "settings",
          "--type=merge",
          "-p",
          "{\"data\":{\"mode\":\"safe\"}}");
      assertThat(ok("-n", "on-etcd", "get", "cm", "settings", "-o", "jsonpath={.data.mode}"))
          .isEqualTo("safe");
      assertThat(
              JSON.readTree(etcdctl.value("/registry/configmaps/on-etcd/settings"))
                  .path("data")
                  .path("mode")
                  .asText())
          .isEqualTo("safe");

      ok("-n", "on-etcd", "delete", "cm", "settings");
      assertThat(etcdctl.keys("/registry/configmaps/on-etcd/")).isEmpty();
      assertThat(kubectl.run("-n", "on-etcd", "get", "cm", "settings").stderr())
          .contains("NotFound");

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (events.stream().noneMatch(l -> l.startsWith("DELETED"))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      watch.destroy();
      reader.join(5000);
    }
    assertThat(
            events.stream().map(l -> l.split("\\s+")[0]).filter(t -> !t.equals("EVENT")).toList())
        .as("%s", events)
        .containsExactly("ADDED", "MODIFIED", "DELETED");
    assertThat(events).allMatch(l -> l.startsWith("EVENT") || l.contains("settings"));
  }

  @Test
  void whileEtcdIsFrozenRequestsGet503NotAWrongAnswerAndRecover() throws Exception {
    ok("create", "configmap", "frozen", "--from-literal=k=v");
    etcd.signal(0, "STOP");
    try {
      Kubectl.Result r = kubectl.run("get", "configmap", "frozen", "--request-timeout=20s");
      assertThat(r.exitCode()).as("%s", r).isNotZero();
      assertThat(r.stderr()).as("%s", r).containsAnyOf("ServiceUnavailable", "503", "unavailable");
    } finally {
      etcd.signal(0, "CONT");
    }
    assertThat(ok("get", "configmap", "frozen", "-o", "jsonpath={.data.k}")).isEqualTo("v");
  }

  private static long modRevision(String key) throws Exception {
    JsonNode r = JSON.readTree(etcdctl.run("get", key, "-w", "json"));
    return r.path("kvs").path(0).path("mod_revision").asLong();
  }

  private static String ok(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as("kubectl %s: %s", String.join(" ", args), r).isZero();
    return r.out();
  }
}

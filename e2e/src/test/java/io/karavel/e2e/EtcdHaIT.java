package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane distributions on different ports share one real etcd and one PKI directory (CA
 * and keys from configuration): concurrent read-modify-write updates of one object through both,
 * retried on 409 Conflict, lose no update, and a watch on each server sees every event.
 */
class EtcdHaIT {
  private static final int WRITERS_PER_SERVER = 2;
  private static final int INCREMENTS_PER_WRITER = 25;
  private static final int TOTAL = 2 * WRITERS_PER_SERVER * INCREMENTS_PER_WRITER;
  private static final String CMS = "/api/v1/namespaces/ha/configmaps";

  private static EtcdCluster etcd;
  private static Path pki;
  private static KaravelCluster a;
  private static KaravelCluster b;
  private static RestCalls apiA;
  private static RestCalls apiB;
  private static KarafConsole consoleB;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdCluster.start(1);
    pki = Files.createTempDirectory("karavel-shared-pki-");
    Path root = Path.of(System.getProperty("karavel.control-plane", "target/control-plane"));
    a = controlPlane(root);
    a.launch(); // creates the CA and keys in the shared directory
    b = controlPlane(root);
    consoleB = KarafConsole.enable(b);
    b.launch(); // loads them
    apiA = new RestCalls(a);
    apiB = new RestCalls(b);
  }

  private static KaravelCluster controlPlane(Path root) throws Exception {
    KaravelCluster c = KaravelCluster.prepare(root);
    c.config("io.karavel.store", Map.of("backend", "etcd"))
        .config("io.karavel.store.etcd", Map.of("endpoints", etcd.endpoints()))
        .config("io.karavel.apiserver", Map.of("pkiDir", pki.toString()));
    return c;
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {a, b, etcd}) {
      if (c != null) {
        c.close();
      }
    }
    if (pki != null) {
      KaravelCluster.deleteTree(pki);
    }
  }

  @Test
  void bothServersTrustTheSameCaAndServeTheSameData() throws Exception {
    assertThat(a.port()).isNotEqualTo(b.port());
    // B's admin credentials (issued from the shared CA) work against A, and the reverse.
    RestCalls aWithBsCredentials = new RestCalls(a, b.adminTls());
    assertThat(aWithBsCredentials.get("/api/v1/namespaces/default").status()).isEqualTo(200);
    apiA.post("/api/v1/namespaces", EtcdBackendSwitchIT.namespace("shared"));
    assertThat(apiB.get("/api/v1/namespaces/shared").status()).isEqualTo(200);
  }

  @Test
  void theLeaderOfEachSingletonIsVisibleFromEveryServer() throws Exception {
    // Both control planes run a scheduler; they elect one leader over the kube-scheduler Lease.
    String path = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler";
    String holder = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (holder.isEmpty() && System.nanoTime() < deadline) {
      RestCalls.Answer lease = apiA.get(path);
      if (lease.status() == 200) {
        holder = lease.body().path("spec").path("holderIdentity").asText();
      } else {
        Thread.sleep(250);
      }
    }
    assertThat(holder).as("the kube-scheduler Lease has a holder").isNotEmpty();

    // Server B reads the same Lease from etcd and shows the same single leader.
    String leaders = consoleB.run("kube:leaders");
    assertThat(leaders)
        .containsPattern("COMPONENT\\s+LEADER\\s+RENEWED\\s+DURATION\\s+STATE")
        .containsPattern(
            "kube-scheduler\\s+"
                + java.util.regex.Pattern.quote(holder)
                + "\\s+\\d+s ago\\s+\\d+s\\s+held");
    assertThat(consoleB.run("kube:get lease -n kube-system")).contains("kube-scheduler", holder);
  }

  @Test
  void concurrentUpdatesThroughBothLoseNothingAndBothWatchesSeeEveryEvent() throws Exception {
    RestCalls.Answer ns = apiA.post("/api/v1/namespaces", EtcdBackendSwitchIT.namespace("ha"));
    assertThat(ns.status()).isIn(201, 409);
    RestCalls.Answer created = apiA.post(CMS, EtcdBackendSwitchIT.configMap("counter", "0"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String startRv = created.body().path("metadata").path("resourceVersion").asText();

    ExecutorService pool = Executors.newFixedThreadPool(2 + 2 * WRITERS_PER_SERVER);
    try {
      List<JsonNode> seenByA = new CopyOnWriteArrayList<>();
      List<JsonNode> seenByB = new CopyOnWriteArrayList<>();
      Future<?> watchA = pool.submit(() -> watchUntilDone(apiA, startRv, seenByA));
      Future<?> watchB = pool.submit(() -> watchUntilDone(apiB, startRv, seenByB));
      Thread.sleep(1000); // both watches are open before the first update

      AtomicInteger conflicts = new AtomicInteger();
      List<Future<List<Long>>> writers = new ArrayList<>();
      for (int i = 0; i < WRITERS_PER_SERVER; i++) {
        writers.add(pool.submit(() -> increment(apiA, conflicts)));
        writers.add(pool.submit(() -> increment(apiB, conflicts)));
      }
      List<Long> acknowledged = new ArrayList<>();
      for (Future<List<Long>> w : writers) {
        acknowledged.addAll(w.get(120, TimeUnit.SECONDS));
      }

      assertThat(acknowledged).hasSize(TOTAL).doesNotHaveDuplicates();
      for (RestCalls api : List.of(apiA, apiB)) {
        JsonNode now = api.get(CMS + "/counter").body();
        assertThat(now.path("data").path("k").asInt()).as("no lost update").isEqualTo(TOTAL);
      }
      watchA.get(60, TimeUnit.SECONDS);
      watchB.get(60, TimeUnit.SECONDS);
      for (List<JsonNode> seen : List.of(seenByA, seenByB)) {
        assertThat(seen).hasSize(TOTAL);
        List<Long> rvs = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
          JsonNode event = seen.get(i);
          assertThat(event.path("type").asText()).isEqualTo("MODIFIED");
          JsonNode object = event.path("object");
          assertThat(object.path("data").path("k").asInt()).as("event %d", i).isEqualTo(i + 1);
          rvs.add(object.path("metadata").path("resourceVersion").asLong());
        }
        assertThat(rvs).isSorted().doesNotHaveDuplicates();
        assertThat(rvs).containsExactlyInAnyOrderElementsOf(acknowledged);
      }
      System.out.printf(
          "EtcdHaIT: %d updates through two API servers, %d conflicts retried%n",
          TOTAL, conflicts.get());
      assertThat(conflicts.get()).as("the writers really raced").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Read, add one, write back with the read resourceVersion; on 409 read again. */
  private static List<Long> increment(RestCalls api, AtomicInteger conflicts) throws Exception {
    List<Long> acknowledged = new ArrayList<>();
    for (int done = 0; done < INCREMENTS_PER_WRITER; ) {
      JsonNode current = api.get(CMS + "/counter").body();
      ObjectNode next = current.deepCopy();
      ObjectNode data = (ObjectNode) next.path("data");
      data.put("k", String.valueOf(current.path("data").path("k").asInt() + 1));
      RestCalls.Answer put = api.put(CMS + "/counter", next);
      if (put.status() == 409) {
        conflicts.incrementAndGet();
        continue;
      }
      assertThat(put.status()).as("%s", put).isEqualTo(200);
      acknowledged.add(put.body().path("metadata").path("resourceVersion").asLong());
      done++;
    }
    return acknowledged;
  }

  private static Void watchUntilDone(RestCalls api, String rv, List<JsonNode> seen)
      throws Exception {
    try {
      api.watch(
          CMS + "?watch=1&resourceVersion=" + rv + "&timeoutSeconds=120",
          event -> {
            if (event.path("type").asText().equals("BOOKMARK")) {
              return;
            }
            seen.add(event);
            if (seen.size() >= TOTAL) {
              throw new WatchDone();
            }
          });
    } catch (WatchDone done) {
      // every expected event arrived
    }
    return null;
  }

  private static final class WatchDone extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}

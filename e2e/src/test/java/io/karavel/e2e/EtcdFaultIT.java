package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.e2e.RevisionHistory.Op;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults under load: a 3-member etcd on loopback, two control planes on it, writers and watchers on
 * both. The etcd leader is killed with SIGKILL and restarted, then the new leader is frozen with
 * SIGSTOP for 20 s. Every acknowledged write must be readable with its value, every watcher must
 * see every acknowledged write in revision order without duplicates (resuming from its last
 * revision, or relisting after a 410), and the history of one contended key must be linearizable
 * ({@link RevisionHistory}). Slow: tag {@code etcd-faults}, run by the Maven profile of that name.
 */
@Tag("etcd-faults")
class EtcdFaultIT {
  private static final String NS = "faults";

  /**
   * Concurrent creators per API server, multiplexed over one HTTP/2 connection each. A create waits
   * for an etcd commit (leader and one follower fsync, a round of raft messages), so the rate grows
   * with the writes in flight, which etcd batches into one proposal, until the two cores are busy;
   * while a member is frozen, the third of the requests that its connections carry wait for the
   * request timeout, and the others keep the rate up.
   */
  private static final int CREATORS_PER_SERVER = 48;

  /** The write load the issue asks for, printed against each phase's figure. */
  private static final double TARGET_WRITES_PER_SECOND = 100;

  private static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";

  private static EtcdCluster etcd;
  private static Path pkiA;
  private static Path pkiB;
  private static KaravelCluster a;
  private static KaravelCluster b;
  private static List<RestCalls> servers;

  /** The creators' clients: HTTP/2, every creator of one server on the same connection. */
  private static List<RestCalls> creatorServers;

  /** The API server killed in the last phase (-1 before); its clients move to the other. */
  private static volatile int deadServer = -1;

  /** Failed requests to the surviving server A after server B was killed. */
  private static final AtomicInteger survivorErrors = new AtomicInteger();

  /** The first few of them, for the failure message. */
  private static final List<String> survivorErrorSamples = new CopyOnWriteArrayList<>();

  private static final AtomicInteger failovers = new AtomicInteger();

  /** When any request last failed (System.nanoTime), on either server. */
  private static final AtomicLong lastFailure = new AtomicLong(System.nanoTime());

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdCluster.startOnTmpfs(3);
    pkiA = Files.createTempDirectory("karavel-fault-pki-a-");
    pkiB = Files.createTempDirectory("karavel-fault-pki-b-");
    Path root = Path.of(System.getProperty("karavel.control-plane", "target/control-plane"));
    a = controlPlane(root, Map.of("pkiDir", pkiA.toString()));
    a.launch();
    // B keeps its own certificates in its own directory and takes the cluster's CA and
    // service-account keys from A's files, named in its configuration.
    b =
        controlPlane(
            root,
            Map.of(
                "pkiDir", pkiB.toString(),
                "caCertFile", pkiA.resolve("ca.crt").toString(),
                "caKeyFile", pkiA.resolve("ca.key").toString(),
                "serviceAccountKeyFile", pkiA.resolve("sa.key").toString(),
                "serviceAccountPublicKeyFile", pkiA.resolve("sa.pub").toString()));
    b.launch();
    assertThat(pkiB.resolve("ca.crt")).as("B created no CA of its own").doesNotExist();
    assertThat(pkiB.resolve("sa.key")).doesNotExist();
    assertThat(pkiB.resolve("apiserver.crt")).exists();
    servers = List.of(new RestCalls(a), new RestCalls(b));
    creatorServers =
        List.of(
            new RestCalls(a, a.adminTls(), HttpClient.Version.HTTP_2),
            new RestCalls(b, b.adminTls(), HttpClient.Version.HTTP_2));
  }

  private static KaravelCluster controlPlane(Path root, Map<String, String> apiServer)
      throws Exception {
    return KaravelCluster.prepare(root)
        .config("io.karavel.store", Map.of("backend", "etcd"))
        .config(
            "io.karavel.store.etcd",
            Map.of(
                "endpoints",
                etcd.endpoints(),
                // A request to the frozen member waits this long before it fails and its creator
                // goes on; the ping finds that member silent after 10 s (gRPC's shortest
                // keepalive) and 2 s more, then its connection closes and the requests go to the
                // other two.
                "requestTimeoutMillis",
                "3000",
                "keepaliveTimeMillis",
                "10000",
                "keepaliveTimeoutMillis",
                "2000"))
        .config("io.karavel.apiserver", apiServer);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {a, b, etcd}) {
      if (c != null) {
        c.close();
      }
    }
    for (Path pki : new Path[] {pkiA, pkiB}) {
      if (pki != null) {
        KaravelCluster.deleteTree(pki);
      }
    }
  }

  /**
   * An acknowledged create: name, value, the revision it got, when (nanoTime) it was and which API
   * server (0 = A, 1 = B) acknowledged it.
   */
  record Acked(String name, String value, long revision, long at, int server) {}

  /** A stretch of the run: its name and when (nanoTime) it began. */
  record Phase(String name, long start) {}

  /** What one watcher saw. */
  static final class Watcher {
    final List<Long> revisions = new CopyOnWriteArrayList<>();
    final Set<String> names = ConcurrentHashMap.newKeySet();
    final Map<Long, String> regValues = new ConcurrentHashMap<>();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicInteger relists = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    volatile long lastRevision;
  }

  @Test
  void noAcknowledgedWriteIsLostWhenEtcdMembersDieOrFreeze() throws Exception {
    servers.get(0).post("/api/v1/namespaces", EtcdBackendSwitchIT.namespace(NS));
    RestCalls.Answer reg = servers.get(0).post(CMS, EtcdBackendSwitchIT.configMap("reg", "v0"));
    assertThat(reg.status()).as("%s", reg).isEqualTo(201);
    long startRevision = reg.body().path("metadata").path("resourceVersion").asLong();

    AtomicBoolean running = new AtomicBoolean(true);
    int ackedAfterKill = 0;
    List<Acked> acked = new CopyOnWriteArrayList<>();
    AtomicInteger unknown = new AtomicInteger();
    List<Op> history = new CopyOnWriteArrayList<>();
    List<Watcher> watchers = List.of(new Watcher(), new Watcher());
    List<Phase> phases = new ArrayList<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    List<Future<?>> tasks = new ArrayList<>();
    try {
      for (int s = 0; s < 2; s++) {
        int home = s;
        Watcher w = watchers.get(s);
        w.lastRevision = startRevision;
        tasks.add(pool.submit(() -> watch(home, w, running)));
        for (int t = 0; t < CREATORS_PER_SERVER; t++) {
          String prefix = "w" + s + t + "-";
          tasks.add(pool.submit(() -> create(home, prefix, running, acked, unknown)));
        }
        String writer = "r" + s;
        tasks.add(pool.submit(() -> casRegister(home, writer, running, history)));
        tasks.add(pool.submit(() -> readRegister(home, running, history)));
      }
      // The JVMs compile the request path in the first seconds of load: measured apart.
      long t0 = System.nanoTime();
      phases.add(new Phase("warm-up (load starts)", t0));
      Thread.sleep(10_000);
      phases.add(new Phase("before faults", System.nanoTime()));
      Thread.sleep(5_000);
      int leader = etcd.leader();
      System.out.printf("EtcdFaultIT: kill -9 etcd leader m%d%n", leader);
      phases.add(new Phase("etcd leader m" + leader + " killed", System.nanoTime()));
      etcd.kill9(leader);
      Thread.sleep(5_000);
      etcd.restart(leader);
      System.out.printf("EtcdFaultIT: m%d restarted%n", leader);
      phases.add(new Phase("m" + leader + " restarted", System.nanoTime()));
      Thread.sleep(3_000);
      int frozen = etcd.leader();
      System.out.printf("EtcdFaultIT: SIGSTOP etcd leader m%d for 20 s%n", frozen);
      phases.add(new Phase("etcd leader m" + frozen + " frozen (SIGSTOP)", System.nanoTime()));
      etcd.signal(frozen, "STOP");
      try {
        Thread.sleep(20_000);
      } finally {
        etcd.signal(frozen, "CONT");
      }
      phases.add(new Phase("m" + frozen + " continued", System.nanoTime()));
      Thread.sleep(5_000);
      // etcd may still be electing after the frozen leader's return (requests then time out on
      // both servers); B is killed once both have served for 3 s without a failed request, so
      // that a failure at A afterwards is B's death's doing.
      long settleStart = System.nanoTime();
      while (System.nanoTime() - lastFailure.get() < TimeUnit.SECONDS.toNanos(3)
          && System.nanoTime() - settleStart < TimeUnit.SECONDS.toNanos(30)) {
        Thread.sleep(200);
      }
      System.out.printf(
          "EtcdFaultIT: %.1f s more until no request had failed for 3 s%n",
          (System.nanoTime() - settleStart) / 1e9);
      int ackedBefore = acked.size();
      System.out.println("EtcdFaultIT: kill -9 API server B under load");
      phases.add(new Phase("API server B killed", System.nanoTime()));
      b.kill9();
      deadServer = 1;
      Thread.sleep(8_000);
      running.set(false);
      long t1 = System.nanoTime();
      ackedAfterKill = acked.size() - ackedBefore;
      double seconds = (t1 - t0) / 1e9;
      printRates(phases, t1, acked, history);
      for (Future<?> f : tasks) {
        f.get(90, TimeUnit.SECONDS);
      }
      System.out.printf(
          "EtcdFaultIT: %d acknowledged creates (%.0f/s over %.0f s), %d unknown outcomes,"
              + " %d register operations; watchers: reconnects %d/%d, relists %d/%d%n",
          acked.size(),
          acked.size() / seconds,
          seconds,
          unknown.get(),
          history.size(),
          watchers.get(0).reconnects.get(),
          watchers.get(1).reconnects.get(),
          watchers.get(0).relists.get(),
          watchers.get(1).relists.get());
    } finally {
      running.set(false);
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    // 0. Killing API server B: A's clients saw no error, B's moved to A and went on.
    assertThat(survivorErrors.get())
        .as("failed requests to A after B died, first ones: %s", survivorErrorSamples)
        .isZero();
    assertThat(failovers.get()).as("B's clients noticed").isPositive();
    assertThat(ackedAfterKill).as("creates acknowledged after B died").isPositive();
    // 1. Every acknowledged create is readable, with its value (through A: B is dead).
    for (RestCalls api : List.of(servers.get(0))) {
      Map<String, String> stored = new HashMap<>();
      for (JsonNode item : api.get(CMS).body().path("items")) {
        stored.put(
            item.path("metadata").path("name").asText(), item.path("data").path("k").asText());
      }
      for (Acked w : acked) {
        assertThat(stored.get(w.name())).as("acknowledged %s", w).isEqualTo(w.value());
      }
    }
    // 2. Every watcher saw every acknowledged write, in revision order, without duplicates.
    Set<Long> ackedRevisions = new LinkedHashSet<>();
    acked.forEach(w -> ackedRevisions.add(w.revision()));
    history.stream()
        .filter(op -> op.write() && op.revision() != 0)
        .forEach(op -> ackedRevisions.add(op.revision()));
    for (Watcher w : watchers) {
      assertThat(w.problems).isEmpty();
      assertThat(w.revisions).isSorted().doesNotHaveDuplicates();
      if (w.relists.get() == 0) {
        assertThat(new LinkedHashSet<>(w.revisions)).containsAll(ackedRevisions);
      }
      for (Acked c : acked) {
        assertThat(w.names).as("watcher saw %s", c).contains(c.name());
      }
    }
    // 3. The contended key's history is linearizable.
    assertThat(RevisionHistory.violations(history, "v0", startRevision)).isEmpty();
    assertThat(acked).hasSizeGreaterThan(100);
  }

  /**
   * Prints the acknowledged creates and writes (creates and compare-and-set updates) per second of
   * each phase and of the whole run, against the target.
   */
  private static void printRates(
      List<Phase> phases, long end, List<Acked> acked, List<Op> history) {
    List<Long> writes = new ArrayList<>();
    acked.forEach(w -> writes.add(w.at()));
    history.stream()
        .filter(op -> op.write() && op.revision() != 0)
        .forEach(op -> writes.add(op.end()));
    for (int i = 0; i < phases.size(); i++) {
      long to = i + 1 == phases.size() ? end : phases.get(i + 1).start();
      printRate(phases.get(i).name(), phases.get(i).start(), to, acked, writes);
    }
    printRate("after warm-up", phases.get(1).start(), end, acked, writes);
    printRate("whole run", phases.get(0).start(), end, acked, writes);
    StringBuilder timeline = new StringBuilder();
    for (long from = phases.get(0).start(); from < end; from += 5_000_000_000L) {
      long f = from;
      timeline
          .append(' ')
          .append(
              acked.stream().filter(w -> w.at() >= f && w.at() < f + 5_000_000_000L).count() / 5);
    }
    System.out.println(
        "EtcdFaultIT: acknowledged creates/s in each 5 s from the start:" + timeline);
  }

  private static void printRate(
      String name, long from, long to, List<Acked> acked, List<Long> writes) {
    long creates = acked.stream().filter(w -> w.at() >= from && w.at() < to).count();
    long byA = acked.stream().filter(w -> w.at() >= from && w.at() < to && w.server() == 0).count();
    long all = writes.stream().filter(t -> t >= from && t < to).count();
    double seconds = (to - from) / 1e9;
    System.out.printf(
        "EtcdFaultIT: rate %-38s %5.1f s: %4.0f acknowledged creates/s (A %.0f, B %.0f),"
            + " %4.0f writes/s%s%n",
        name,
        seconds,
        creates / seconds,
        byA / seconds,
        (creates - byA) / seconds,
        all / seconds,
        all / seconds >= TARGET_WRITES_PER_SECOND
            ? ""
            : " (below " + (int) TARGET_WRITES_PER_SECOND + ")");
  }

  /** Creates ConfigMaps one after another; a 201 is acknowledged, 5xx and errors are unknown. */
  private static void create(
      int home, String prefix, AtomicBoolean running, List<Acked> acked, AtomicInteger unknown) {
    for (int i = 0; running.get(); i++) {
      String name = prefix + i;
      int target = serverFor(home);
      RestCalls api = creatorServers.get(target);
      try {
        RestCalls.Answer r = api.post(CMS, EtcdBackendSwitchIT.configMap(name, "value-" + i));
        if (r.status() == 201) {
          acked.add(new Acked(name, "value-" + i, rv(r.body()), System.nanoTime(), target));
        } else {
          unknown.incrementAndGet();
          failed(target, "create " + r.status() + " " + r.body());
        }
      } catch (Exception e) {
        unknown.incrementAndGet();
        failed(target, "create " + e);
      }
    }
  }

  /** Read-modify-write of the key reg with the read resourceVersion (compare-and-set). */
  private static void casRegister(
      int home, String writer, AtomicBoolean running, List<Op> history) {
    for (int i = 0; running.get(); i++) {
      int target = serverFor(home);
      RestCalls api = servers.get(target);
      try {
        long readStart = System.nanoTime();
        RestCalls.Answer cur = api.get(CMS + "/reg");
        long readEnd = System.nanoTime();
        if (cur.status() != 200) {
          continue;
        }
        history.add(Op.read(readStart, readEnd, value(cur.body()), rv(cur.body())));
        ObjectNode next = cur.body().deepCopy();
        String value = writer + "-" + i;
        ((ObjectNode) next.path("data")).put("k", value);
        long start = System.nanoTime();
        RestCalls.Answer put;
        try {
          put = api.put(CMS + "/reg", next);
        } catch (Exception e) {
          history.add(Op.unknownWrite(start, value));
          failed(target, "update " + e);
          continue;
        }
        long end = System.nanoTime();
        if (put.status() == 200) {
          history.add(Op.write(start, end, value, rv(put.body())));
        } else if (put.status() != 409) {
          history.add(Op.unknownWrite(start, value)); // a 409 did not write; a 5xx may have
        }
      } catch (Exception e) {
        failed(target, "read " + e); // a failed read changes nothing
      }
    }
  }

  private static void readRegister(int home, AtomicBoolean running, List<Op> history) {
    while (running.get()) {
      int target = serverFor(home);
      RestCalls api = servers.get(target);
      try {
        long start = System.nanoTime();
        RestCalls.Answer r = api.get(CMS + "/reg");
        long end = System.nanoTime();
        if (r.status() == 200) {
          history.add(Op.read(start, end, value(r.body()), rv(r.body())));
        }
        Thread.sleep(5);
      } catch (Exception e) {
        failed(target, "read " + e); // unanswered reads carry no information
      }
    }
  }

  /** Watches the namespace, resuming from the last revision seen; relists after a 410. */
  private static void watch(int home, Watcher w, AtomicBoolean running) {
    while (true) {
      RestCalls api = servers.get(serverFor(home));
      try {
        api.watch(
            CMS
                + "?watch=1&allowWatchBookmarks=false&timeoutSeconds=10&resourceVersion="
                + w.lastRevision,
            event -> accept(w, event));
      } catch (Gone gone) {
        relist(api, w);
      } catch (Exception e) {
        w.reconnects.incrementAndGet();
        sleep(200);
      }
      if (!running.get()) {
        // One last pass after the load stopped: the events written just before the end.
        try {
          api.watch(
              CMS + "?watch=1&timeoutSeconds=3&resourceVersion=" + w.lastRevision,
              event -> accept(w, event));
        } catch (Exception e) {
          w.reconnects.incrementAndGet();
        }
        return;
      }
    }
  }

  /** The server a client of {@code home} uses: the other one once {@code home} was killed. */
  private static int serverFor(int home) {
    if (home == deadServer) {
      return 1 - home;
    }
    return home;
  }

  /** Counts a failed request; one to the dead server sends its client to the other. */
  private static void failed(int target, String what) {
    lastFailure.set(System.nanoTime());
    if (target == deadServer) {
      failovers.incrementAndGet();
    } else if (deadServer >= 0) {
      if (survivorErrors.incrementAndGet() <= 5) {
        survivorErrorSamples.add(what);
      }
    }
  }

  private static void accept(Watcher w, JsonNode event) {
    String type = event.path("type").asText();
    if (type.equals("ERROR")) {
      if (event.path("object").path("code").asInt() == 410) {
        throw new Gone();
      }
      throw new IllegalStateException("watch error: " + event);
    }
    if (type.equals("BOOKMARK")) {
      return;
    }
    JsonNode object = event.path("object");
    long revision = rv(object);
    if (revision <= w.lastRevision) {
      w.problems.add("revision " + revision + " after " + w.lastRevision + ": " + type);
    }
    w.lastRevision = revision;
    w.revisions.add(revision);
    String name = object.path("metadata").path("name").asText();
    w.names.add(name);
    if (name.equals("reg")) {
      w.regValues.put(revision, value(object));
    }
  }

  private static void relist(RestCalls api, Watcher w) {
    try {
      JsonNode list = api.get(CMS).body();
      for (JsonNode item : list.path("items")) {
        w.names.add(item.path("metadata").path("name").asText());
      }
      w.lastRevision = list.path("metadata").path("resourceVersion").asLong();
      w.relists.incrementAndGet();
    } catch (Exception e) {
      w.reconnects.incrementAndGet();
    }
  }

  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static long rv(JsonNode object) {
    return object.path("metadata").path("resourceVersion").asLong();
  }

  private static String value(JsonNode object) {
    return object.path("data").path("k").asText();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

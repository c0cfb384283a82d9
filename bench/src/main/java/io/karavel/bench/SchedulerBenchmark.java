package io.karavel.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduler throughput shaped like upstream's scheduler_perf SchedulingBasic: N simulated nodes (4
 * CPU, 32 GiB, 110 pods), M pods scheduled first, then K measured pods created as fast as the API
 * server takes them. A watch on the namespace records when each pod gets {@code spec.nodeName};
 * throughput is pods bound per second over the measured phase (average and percentiles of the
 * per-second counts), latency is creation to binding as the client sees it.
 */
final class SchedulerBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code --warmup auto}: rounds until the server's JIT compilers have caught up. */
  static final int AUTO_WARMUP = -1;

  /**
   * Auto warm-up ends after {@link #SETTLED_ROUNDS} rounds in a row in which the server compiled
   * for less than this share of the round.
   */
  private static final double SETTLED_COMPILE_SHARE = 0.10;

  /**
   * Two, not one: a server that has just compiled its hot paths often deoptimises and recompiles
   * some of them in the next round.
   */
  private static final int SETTLED_ROUNDS = 2;

  /** Auto warm-up runs at least this many rounds... */
  private static final int AUTO_MIN_ROUNDS = 2;

  /** ...and at most this many. */
  private static final int AUTO_MAX_ROUNDS = 40;

  record Options(
      Path kubeconfig,
      int nodes,
      int initPods,
      int pods,
      int warmup,
      int clients,
      String variant,
      String namespace,
      boolean keep,
      String nodeSource,
      Path karafHome,
      int repeat) {

    static Options parse(String[] args) {
      Path kubeconfig = null;
      int nodes = 500;
      int initPods = 500;
      int pods = 1000;
      int warmup = AUTO_WARMUP;
      int clients = 16;
      String variant = "basic";
      String ns = "karavel-sched-bench";
      boolean keep = false;
      String nodeSource = "direct";
      Path karafHome = null;
      int repeat = 1;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--keep")) {
          keep = true;
          continue;
        }
        String v;
        int eq = a.indexOf('=');
        if (eq > 0) {
          v = a.substring(eq + 1);
          a = a.substring(0, eq);
        } else {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("missing value of " + a);
          }
          v = args[++i];
        }
        switch (a) {
          case "--kubeconfig" -> kubeconfig = Path.of(v);
          case "--nodes" -> nodes = Integer.parseInt(v);
          case "--init-pods" -> initPods = Integer.parseInt(v);
          case "--pods" -> pods = Integer.parseInt(v);
          case "--warmup" -> warmup = v.equals("auto") ? AUTO_WARMUP : Integer.parseInt(v);
          case "--clients" -> clients = Integer.parseInt(v);
          case "--variant" -> variant = v;
          case "--namespace" -> ns = v;
          case "--node-source" -> nodeSource = v;
          case "--karaf-home" -> karafHome = Path.of(v);
          case "--repeat" -> repeat = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (kubeconfig == null) {
        throw new IllegalArgumentException("--kubeconfig is required");
      }
      if (warmup < 0 && warmup != AUTO_WARMUP) {
        throw new IllegalArgumentException("--warmup is auto or a number of rounds, not " + warmup);
      }
      if (repeat < 1) {
        throw new IllegalArgumentException("--repeat is at least 1, not " + repeat);
      }
      if (!List.of("basic", "node-affinity", "topology-spread").contains(variant)) {
        throw new IllegalArgumentException(
            "variant " + variant + " is not available (basic, node-affinity, topology-spread)");
      }
      if (!List.of("direct", "simulator").contains(nodeSource)) {
        throw new IllegalArgumentException(
            "--node-source is direct or simulator, not " + nodeSource);
      }
      if (nodeSource.equals("simulator") && karafHome == null) {
        throw new IllegalArgumentException("--node-source simulator needs --karaf-home");
      }
      return new Options(
          kubeconfig,
          nodes,
          initPods,
          pods,
          warmup,
          clients,
          variant,
          ns,
          keep,
          nodeSource,
          karafHome,
          repeat);
    }
  }

  private final Options o;
  private final ClusterConnection conn;
  private final List<BenchClient> clients = new ArrayList<>();
  private final Map<String, Long> bound = new ConcurrentHashMap<>();
  private final Map<String, Long> created = new ConcurrentHashMap<>();
  private final String runId = Long.toString(System.currentTimeMillis() % 100000, 36);

  private SchedulerBenchmark(Options o) throws Exception {
    this.o = o;
    this.conn = ClusterConnection.fromKubeconfig(o.kubeconfig());
    for (int i = 0; i < o.clients(); i++) {
      clients.add(conn.newClient(false));
    }
  }

  static void run(Options o) throws Exception {
    new SchedulerBenchmark(o).go();
  }

  private void go() throws Exception {
    String api = conn.server().replaceAll("/$", "");
    BenchClient c0 = clients.get(0);
    // A namespace left Terminating by an earlier run refuses new pods: wait until it is gone.
    for (int i = 0; i < 600; i++) {
      BenchClient.Reply ns =
          c0.send(new BenchClient.Req(api + "/api/v1/namespaces/" + o.namespace()));
      if (ns.statusCode() == 404
          || JSON.readTree(ns.body()).path("metadata").path("deletionTimestamp").isMissingNode()) {
        break;
      }
      Thread.sleep(100);
    }
    c0.send(
        new BenchClient.Req(api + "/api/v1/namespaces")
            .POST(
                ("{\"metadata\":{\"name\":\"" + o.namespace() + "\"}}")
                    .getBytes(StandardCharsets.UTF_8)));
    System.out.printf(
        "Scheduler benchmark (%s): %d nodes, %d initial pods, %d measured pods, %d clients%n",
        o.variant(), o.nodes(), o.initPods(), o.pods(), o.clients());

    long t0 = System.nanoTime();
    if (o.nodeSource().equals("simulator")) {
      simulatedNodes(api);
    } else {
      registerNodes(api);
    }
    System.out.printf("nodes registered in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    // Only bound pods: a pod enters the selector, and the watch sends ADDED, when its binding is
    // stored, the moment the harness records. Its creation is not sent, which halves what the
    // server renders and encrypts for the harness, and what the harness decrypts and scans.
    InputStream watch =
        clients.get(0).stream(
            api
                + "/api/v1/namespaces/"
                + o.namespace()
                + "/pods?watch=1&allowWatchBookmarks=false&fieldSelector=spec.nodeName%21%3D");
    Thread watcher = new Thread(() -> readWatch(watch), "bench-watch");
    watcher.setDaemon(true);
    watcher.start();

    long t1 = System.nanoTime();
    createPods(api, "init-" + runId + "-", o.initPods());
    awaitBound("init-" + runId + "-", o.initPods(), 600);
    System.out.printf(
        "%d initial pods scheduled in %.1f s%n", o.initPods(), (System.nanoTime() - t1) / 1e9);

    warmUp(api);

    List<Double> rates = new ArrayList<>();
    for (int r = 1; r < o.repeat(); r++) {
      RoundResult round = round(api, "r" + r, o.pods());
      rates.add(round.rate());
      System.out.printf(
          "measured round %d/%d: %d pods bound at %.1f pods/s%s, then deleted%n",
          r, o.repeat(), o.pods(), round.rate(), round.costs());
    }

    String prefix = "m-" + runId + "-";
    Map<String, Long> requestsBefore = apiRequests(api);
    double serverCpuBefore = serverMetric(api, "process_cpu_seconds_total");
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    createPods(api, prefix, o.pods());
    long createdAt = System.nanoTime();
    awaitBound(prefix, o.pods(), 1800);
    long end = lastBound(prefix);
    double rate = report(prefix, start, createdAt, end);
    System.out.printf(
        "harness CPU while measuring: %.2f s (its own share of the machine)%n",
        (processCpuNanos() - cpuBefore) / 1e9);
    double serverCpuAfter = serverMetric(api, "process_cpu_seconds_total");
    if (serverCpuBefore >= 0 && serverCpuAfter >= 0) {
      System.out.printf(
          "server CPU while measuring: %.2f s (process_cpu_seconds_total)%n",
          serverCpuAfter - serverCpuBefore);
    }
    reportRequests(requestsBefore, apiRequests(api), (end - start) / 1e9);
    if (o.repeat() > 1) {
      System.out.printf(
          "measured round %d/%d (the one reported above): %.1f pods/s%n",
          o.repeat(), o.repeat(), rate);
      rates.add(rate);
      double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "pods/s over %d measured rounds: median %.1f, min %.1f, max %.1f%n",
          sorted.length, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
      rate = rates.stream().mapToDouble(Double::doubleValue).average().orElse(rate);
    }
    System.out.printf("pods/s: %.1f%n", rate);
    if (!o.keep()) {
      cleanup(api);
    }
  }

  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /** When the last pod whose name starts with {@code prefix} was seen bound. */
  private long lastBound(String prefix) {
    return bound.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .max()
        .orElse(System.nanoTime());
  }

  /**
   * Unmeasured rounds first, as a JVM benchmark warms up, so that the measured pods see the server
   * as it runs for the rest of its life rather than while its JIT compiles. On 2 cores the server's
   * one C2 compiler thread gets a small share of the CPU under load, and it takes some 20,000 to
   * 30,000 scheduled pods before it has compiled the hot paths. With {@code --warmup auto} (the
   * default) the rounds go on until, in two rounds in a row, the server compiled (its {@code
   * jvm_compilation_time_seconds_total}) for less than a tenth of the round's create-to-bound time:
   * 2 to 40 rounds (2 when the server does not export that counter). Every round's rate is printed,
   * so a cold server's figure stays visible.
   */
  private void warmUp(String api) throws Exception {
    boolean auto = o.warmup() == AUTO_WARMUP;
    int rounds = auto ? AUTO_MAX_ROUNDS : o.warmup();
    int size = Math.min(o.pods(), 2000);
    int quiet = 0;
    for (int round = 1; round <= rounds; round++) {
      double share = warmupRound(api, round, auto ? "" : "/" + rounds, size);
      quiet = share < SETTLED_COMPILE_SHARE ? quiet + 1 : 0;
      if (auto && round >= AUTO_MIN_ROUNDS && share < 0) {
        System.out.printf(
            "the server exports no jvm_compilation_time_seconds_total: %d warm-up rounds%n", round);
        return;
      }
      if (auto && round >= AUTO_MIN_ROUNDS && quiet >= SETTLED_ROUNDS) {
        System.out.printf("server JIT caught up after %d warm-up rounds%n", round);
        return;
      }
    }
    if (auto) {
      System.out.printf("server JIT still compiling after %d warm-up rounds%n", rounds);
    }
  }

  /**
   * One unmeasured round: {@code n} pods created, scheduled and then deleted. It prints its rate
   * and the time the server's JIT compilers spent meanwhile (its {@code
   * jvm_compilation_time_seconds_total}, summed over compiler threads), and returns that time's
   * share of the round's create-to-bound time (-1 when the server does not export it).
   */
  private double warmupRound(String api, int round, String of, int n) throws Exception {
    RoundResult r = round(api, "w" + round, n);
    System.out.printf(
        "warm-up round %d%s (not measured): %d pods bound at %.1f pods/s%s, then deleted in %.1f"
            + " s, server idle %.1f s later%n",
        round, of, n, r.rate(), r.costs(), r.deleteSeconds(), r.settleSeconds());
    return r.compiled() < 0 ? -1 : r.compiled() / r.seconds();
  }

  /**
   * What one round of {@link #round} measured: pods/s from the first create to the last binding,
   * that time, the server's compile and CPU time meanwhile (-1: not exported), the harness's CPU
   * time, the deletion's time and the wait for the server to go idle after it.
   */
  private record RoundResult(
      double rate,
      double seconds,
      double compiled,
      double serverCpu,
      double harnessCpu,
      double deleteSeconds,
      double settleSeconds) {
    String costs() {
      String cpu = serverCpu < 0 ? "" : String.format("server CPU %.2f s, ", serverCpu);
      String own = String.format("harness CPU %.2f s", harnessCpu);
      return compiled < 0
          ? " (" + cpu + own + ")"
          : String.format(" (%s%s, server compiling for %.1f s)", cpu, own, compiled);
    }
  }

  /**
   * {@code n} pods labelled {@code karavel.io/bench-round=tag} created as fast as the server takes
   * them, awaited until bound, then deleted (grace period 0) and awaited until gone.
   */
  private RoundResult round(String api, String tag, int n) throws Exception {
    String prefix = tag + "-" + runId + "-";
    String before = metricsText(api);
    double jitBefore = metric(before, "jvm_compilation_time_seconds_total");
    double cpuBefore = metric(before, "process_cpu_seconds_total");
    long ownBefore = processCpuNanos();
    long t = System.nanoTime();
    createPods(api, prefix, n);
    awaitBound(prefix, n, 600);
    long end = lastBound(prefix);
    double harnessCpu = (processCpuNanos() - ownBefore) / 1e9;
    String after = metricsText(api);
    double jitAfter = metric(after, "jvm_compilation_time_seconds_total");
    double cpuAfter = metric(after, "process_cpu_seconds_total");
    double compiled = jitBefore < 0 || jitAfter < 0 ? -1 : jitAfter - jitBefore;
    double serverCpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
    String podsUrl = api + "/api/v1/namespaces/" + o.namespace() + "/pods";
    String selector = "?labelSelector=karavel.io%2Fbench-round%3D" + tag;
    BenchClient c = clients.get(0);
    BenchClient.Reply r =
        c.send(
            new BenchClient.Req(podsUrl + selector)
                .DELETE()
                .withBody(
                    "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0}"));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "delete the pods of round " + tag + ": " + r.statusCode() + " " + new String(r.body()));
    }
    for (int i = 0; ; i++) {
      JsonNode list = JSON.readTree(c.send(new BenchClient.Req(podsUrl + selector)).body());
      if (list.path("items").isEmpty()) {
        break;
      }
      if (i > 600) {
        throw new IllegalStateException("the pods of round " + tag + " not deleted in 60 s");
      }
      Thread.sleep(100);
    }
    bound.keySet().removeIf(k -> k.startsWith(prefix));
    double deleted = (System.nanoTime() - end) / 1e9;
    double settled = settle(api);
    double seconds = (end - t) / 1e9;
    return new RoundResult(n / seconds, seconds, compiled, serverCpu, harnessCpu, deleted, settled);
  }

  /**
   * Waits until the server is about idle (below a fifth of a core over a quarter of a second), at
   * most 10 s, and returns the seconds waited. Once the harness sees a round's pods gone, the
   * server's components are still taking in their deletion (watch events, caches, the scheduler's
   * queue); without the wait the next round paid for part of it, more or less depending on how fast
   * the deletion had gone.
   */
  private double settle(String api) throws Exception {
    long start = System.nanoTime();
    double before = serverMetric(api, "process_cpu_seconds_total");
    if (before < 0) {
      return 0;
    }
    for (int i = 0; i < 40; i++) {
      Thread.sleep(250);
      double now = serverMetric(api, "process_cpu_seconds_total");
      if (now - before < 0.05) {
        break;
      }
      before = now;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The server's {@code /metrics} in the text exposition format. */
  private String metricsText(String api) throws Exception {
    return new String(
        clients.get(0).send(new BenchClient.Req(api + "/metrics")).body(), StandardCharsets.UTF_8);
  }

  /** One unlabelled sample of the server's {@code /metrics}, or -1 when it has none. */
  private double serverMetric(String api, String name) throws Exception {
    return metric(metricsText(api), name);
  }

  /** A sample without labels from a {@code /metrics} text, or -1 when it is not there. */
  private static double metric(String metricsText, String name) {
    for (String line : metricsText.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return -1;
  }

  /** The harness registers the nodes itself: created with their status, never renewed. */
  private void registerNodes(String api) throws Exception {
    parallel(
        o.nodes(),
        (c, i) -> {
          String name = nodeName(i);
          BenchClient.Reply r =
              c.send(new BenchClient.Req(api + "/api/v1/nodes").POST(node(name, i, false)));
          if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException(
                "create node " + name + ": " + r.statusCode() + " " + new String(r.body()));
          }
          JsonNode stored =
              JSON.readTree(c.send(new BenchClient.Req(api + "/api/v1/nodes/" + name)).body());
          ((com.fasterxml.jackson.databind.node.ObjectNode) stored)
              .set("status", JSON.readTree(node(name, i, true)).get("status"));
          r =
              c.send(
                  new BenchClient.Req(api + "/api/v1/nodes/" + name + "/status")
                      .PUT(JSON.writeValueAsBytes(stored)));
          if (r.statusCode() != 200) {
            throw new IllegalStateException(
                "node status " + name + ": " + r.statusCode() + " " + new String(r.body()));
          }
        });
  }

  /**
   * The node simulator bundle runs the nodes: a pool configuration in {@code etc/} (the file
   * install picks it up), then the harness waits until the API lists every node Ready. Its deletion
   * at the end stops the pool and deletes the nodes.
   */
  private void simulatedNodes(String api) throws Exception {
    Path cfg = poolConfig();
    java.nio.file.Files.writeString(
        cfg,
        "name = bench\nprefix = sim-\ncount = "
            + o.nodes()
            + "\ncpu = 4\nmemory = 32Gi\npods = 110\nzones = z0,z1,z2,z3,z4\n"
            + "deleteOnStop = true\n");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonNode list =
          JSON.readTree(
              clients
                  .get(0)
                  .send(
                      new BenchClient.Req(
                          api
                              + "/api/v1/nodes?labelSelector=node.karavel.io%2Fsimulated-pool%3Dbench"))
                  .body());
      int ready = 0;
      for (JsonNode n : list.path("items")) {
        for (JsonNode c : n.path("status").path("conditions")) {
          if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
            ready++;
          }
        }
      }
      if (ready >= o.nodes()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the simulator did not register " + o.nodes() + " nodes");
  }

  private Path poolConfig() {
    return o.karafHome().resolve("etc/io.karavel.nodesimulator.pool-bench.cfg");
  }

  /** Prints the measured round's figures; returns its pods/s. */
  private double report(String prefix, long start, long createdAt, long end) {
    double seconds = (end - start) / 1e9;
    int secs = (int) Math.ceil(seconds);
    int[] perSecond = new int[Math.max(1, secs)];
    List<Long> latencies = new ArrayList<>();
    for (Map.Entry<String, Long> e : bound.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      int s = (int) ((e.getValue() - start) / 1_000_000_000L);
      perSecond[Math.min(perSecond.length - 1, Math.max(0, s))]++;
      Long c = created.get(e.getKey());
      if (c != null) {
        latencies.add(e.getValue() - c);
      }
    }
    int[] sorted = perSecond.clone();
    Arrays.sort(sorted);
    long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "created %d pods in %.2f s (%.0f creates/s)%n",
        o.pods(), (createdAt - start) / 1e9, o.pods() / ((createdAt - start) / 1e9));
    System.out.printf("all %d pods bound after %.2f s%n", o.pods(), seconds);
    System.out.printf(
        "throughput per second: p50 %d  p90 %d  p99 %d  max %d (full seconds: %s)%n",
        pct(sorted, 50),
        pct(sorted, 90),
        pct(sorted, 99),
        sorted[sorted.length - 1],
        Arrays.toString(perSecond));
    System.out.printf(
        "create-to-bound latency ms: p50 %.1f  p90 %.1f  p99 %.1f%n",
        pctMs(lat, 50), pctMs(lat, 90), pctMs(lat, 99));
    return o.pods() / seconds;
  }

  /**
   * What the API server served while the measured pods were scheduled, from its {@code /metrics}
   * ({@code apiserver_request_total} summed over response codes): the cost of the nodes' upkeep
   * (Lease renewals, pod status) beside the pods' creation, binding and events.
   */
  private void reportRequests(Map<String, Long> before, Map<String, Long> after, double seconds) {
    Map<String, Long> delta = new java.util.TreeMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d > 0) {
            delta.put(k, d);
          }
        });
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "API requests while measuring: %d (%.0f/s, %.1f per measured pod)%n",
        total, total / seconds, (double) total / o.pods());
    delta.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(e -> System.out.printf("  %-40s %d%n", e.getKey(), e.getValue()));
  }

  private Map<String, Long> apiRequests(String api) throws Exception {
    Map<String, Long> out = new java.util.HashMap<>();
    for (String line : metricsText(api).split("\n")) {
      if (!line.startsWith("apiserver_request_total{")) {
        continue;
      }
      int close = line.lastIndexOf('}');
      String labels = line.substring(line.indexOf('{') + 1, close);
      long n = (long) Double.parseDouble(line.substring(close + 1).trim());
      String verb = label(labels, "verb");
      String resource = label(labels, "resource");
      String sub = label(labels, "subresource");
      String key = verb + " " + resource + (sub.isEmpty() ? "" : "/" + sub);
      out.merge(key, n, Long::sum);
    }
    return out;
  }

  private static String label(String labels, String name) {
    int i = labels.indexOf(name + "=\"");
    if (i < 0) {
      return "";
    }
    int from = i + name.length() + 2;
    return labels.substring(from, labels.indexOf('"', from));
  }

  private static int pct(int[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double pctMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /**
   * Reads the watch stream with Jackson's streaming parser, keeping only {@code metadata.name} and
   * {@code spec.nodeName} of each event's object: the harness shares the machine with the server,
   * and building a tree of every pod event cost it more CPU than the rest of its work.
   */
  private void readWatch(InputStream in) {
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      String[] nameAndNode = new String[2];
      while (p.nextToken() == JsonToken.START_OBJECT) {
        nameAndNode[0] = null;
        nameAndNode[1] = null;
        scanEvent(p, nameAndNode);
        long now = System.nanoTime();
        if (nameAndNode[0] != null && nameAndNode[1] != null && !nameAndNode[1].isEmpty()) {
          bound.putIfAbsent(nameAndNode[0], now);
        }
      }
    } catch (Exception e) {
      System.err.println("watch ended: " + e);
    }
  }

  /**
   * From the event's opening brace to its closing one: object.metadata.name, object.spec.nodeName.
   */
  static void scanEvent(JsonParser p, String[] nameAndNode) throws java.io.IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() != JsonToken.START_OBJECT || !field.equals("object")) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String part = p.currentName();
        boolean wanted = part.equals("metadata") || part.equals("spec");
        if (p.nextToken() != JsonToken.START_OBJECT || !wanted) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (part.equals("metadata") && key.equals("name")) {
            nameAndNode[0] = p.getText();
          } else if (part.equals("spec") && key.equals("nodeName")) {
            nameAndNode[1] = p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
    }
  }

  private void createPods(String api, String prefix, int n) throws Exception {
    parallel(
        n,
        (c, i) -> {
          String name = prefix + i;
          created.put(name, System.nanoTime());
          BenchClient.Reply r =
              c.send(
                  new BenchClient.Req(api + "/api/v1/namespaces/" + o.namespace() + "/pods")
                      .POST(pod(name)));
          if (r.statusCode() != 201) {
            throw new IllegalStateException(
                "create pod " + name + ": " + r.statusCode() + " " + new String(r.body()));
          }
        });
  }

  private void awaitBound(String prefix, int n, int timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      long count = bound.keySet().stream().filter(k -> k.startsWith(prefix)).count();
      if (count >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "pods " + prefix + "* not all bound within " + timeoutSeconds + " s");
  }

  @FunctionalInterface
  private interface Work {
    void run(BenchClient c, int i) throws Exception;
  }

  private void parallel(int n, Work work) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Future<?>> fs = new ArrayList<>();
      CountDownLatch ready = new CountDownLatch(clients.size());
      for (BenchClient c : clients) {
        fs.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  int i;
                  while ((i = next.getAndIncrement()) < n) {
                    work.run(c, i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void cleanup(String api) throws Exception {
    long t = System.nanoTime();
    clients.get(0).send(new BenchClient.Req(api + "/api/v1/namespaces/" + o.namespace()).DELETE());
    if (o.nodeSource().equals("simulator")) {
      java.nio.file.Files.deleteIfExists(poolConfig()); // the pool stops and deletes its nodes
    } else {
      parallel(
          o.nodes(),
          (c, i) -> c.send(new BenchClient.Req(api + "/api/v1/nodes/" + nodeName(i)).DELETE()));
    }
    System.out.printf(
        "cleaned up (namespace deleting, nodes deleted) in %.1f s%n",
        (System.nanoTime() - t) / 1e9);
  }

  private String nodeName(int i) {
    return "sim-" + i;
  }

  private byte[] node(String name, int i, boolean withStatus) {
    String status =
        withStatus
            ? ",\"status\":{\"capacity\":{\"cpu\":\"4\",\"memory\":\"32Gi\",\"pods\":\"110\"},"
                + "\"allocatable\":{\"cpu\":\"4\",\"memory\":\"32Gi\",\"pods\":\"110\"},"
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\"}]}"
            : "";
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\""
            + name
            + "\",\"labels\":{\"kubernetes.io/hostname\":\""
            + name
            + "\",\"zone\":\"z"
            + (i % 5)
            + "\",\"topology.kubernetes.io/zone\":\"z"
            + (i % 5)
            + "\"}}"
            + status
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] pod(String name) {
    String affinity;
    affinity =
        o.variant().equals("node-affinity")
            ? ",\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"topology.kubernetes.io/zone\",\"operator\":\"In\","
                + "\"values\":[\"z0\",\"z1\"]}]}]}}}"
            : "";
    if (o.variant().equals("topology-spread")) {
      affinity =
          ",\"topologySpreadConstraints\":[{\"maxSkew\":1,\"topologyKey\":\"topology.kubernetes.io/zone\","
              + "\"whenUnsatisfiable\":\"DoNotSchedule\",\"labelSelector\":{\"matchLabels\":"
              + "{\"app\":\"bench\"}}}]";
    }
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
            + name
            + "\",\"labels\":{\"app\":\"bench\",\"karavel.io/bench-round\":\""
            + name.substring(0, name.indexOf('-'))
            + "\"}},\"spec\":{\"containers\":[{\"name\":\"pause\",\"image\":\"registry.k8s.io/pause:3.10\","
            + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"500Mi\"},"
            + "\"limits\":{\"cpu\":\"100m\",\"memory\":\"500Mi\"}}}]"
            + affinity
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

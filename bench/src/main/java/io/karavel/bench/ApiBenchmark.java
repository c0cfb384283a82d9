package io.karavel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The API load harness: ConfigMaps (or, with {@code --kind pods}, Pods) created, read, updated (get
 * + put), listed and deleted by concurrent clients, each with its own TLS connection, and the delay
 * from sending a write to seeing its watch event. Pods are also bound ({@code pods/binding}), as a
 * scheduler binds them. Prints one table.
 */
final class ApiBenchmark {

  /** Command-line options. */
  record Options(
      Path kubeconfig,
      int objects,
      int clients,
      int size,
      int lists,
      String namespace,
      int warmup,
      int warmupLists,
      boolean http1,
      boolean pods) {
    static Options parse(String[] args) {
      Path kubeconfig = null;
      int objects = 2000;
      int clients = 16;
      int size = 1024;
      int lists = 20;
      String ns = "karavel-bench";
      int warmup = 1000;
      int warmupLists = 20;
      boolean http1 = false;
      boolean pods = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        if (a.equals("--http1")) {
          http1 = true;
          continue;
        }
        if (v == null) {
          throw new IllegalArgumentException(a + " needs a value (try --help)");
        }
        switch (a) {
          case "--kubeconfig" -> kubeconfig = Path.of(v);
          case "--objects" -> objects = Integer.parseInt(v);
          case "--clients" -> clients = Integer.parseInt(v);
          case "--size" -> size = Integer.parseInt(v);
          case "--lists" -> lists = Integer.parseInt(v);
          case "--namespace" -> ns = v;
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--warmup-lists" -> warmupLists = Integer.parseInt(v);
          case "--kind" -> pods = kind(v);
          default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
        }
        i++;
      }
      if (kubeconfig == null) {
        throw new IllegalArgumentException("--kubeconfig is required");
      }
      return new Options(
          kubeconfig, objects, clients, size, lists, ns, warmup, warmupLists, http1, pods);
    }

    private static boolean kind(String v) {
      return switch (v) {
        case "configmaps" -> false;
        case "pods" -> true;
        default -> throw new IllegalArgumentException("--kind is configmaps or pods, not " + v);
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Options opts;
  private final ClusterConnection conn;
  private final List<BenchClient> clients = new ArrayList<>();
  private final String payload;

  private ApiBenchmark(Options opts) throws Exception {
    this.opts = opts;
    this.conn = ClusterConnection.fromKubeconfig(opts.kubeconfig());
    for (int i = 0; i < opts.clients(); i++) {
      clients.add(conn.newClient(opts.http1()));
    }
    this.payload = "x".repeat(opts.size());
  }

  static void run(Options opts) throws Exception {
    new ApiBenchmark(opts).runAll();
  }

  private String base() {
    return conn.server()
        + "/api/v1/namespaces/"
        + opts.namespace()
        + (opts.pods() ? "/pods" : "/configmaps");
  }

  private BenchClient.Reply send(BenchClient c, BenchClient.Req r) throws Exception {
    return c.send(r);
  }

  private BenchClient.Req req(String url) {
    return new BenchClient.Req(url);
  }

  private byte[] object(String name, boolean watchLabel) throws Exception {
    return JSON.writeValueAsBytes(objectNode(name, watchLabel));
  }

  /**
   * A ConfigMap whose data holds the payload, or a Pod shaped like the scheduler benchmark's (one
   * container requesting 100m / 500Mi) with the payload as an annotation and a scheduler name no
   * scheduler serves, so that only the harness writes it.
   */
  private ObjectNode objectNode(String name, boolean watchLabel) {
    ObjectNode o = JSON.createObjectNode();
    o.put("apiVersion", "v1");
    o.put("kind", opts.pods() ? "Pod" : "ConfigMap");
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", name);
    if (watchLabel) {
      meta.putObject("labels").put("bench", "watch");
    }
    if (!opts.pods()) {
      o.putObject("data").put("payload", payload);
      return o;
    }
    meta.putObject("annotations").put("payload", payload);
    ObjectNode spec = o.putObject("spec");
    spec.put("schedulerName", "karavel-bench-unscheduled");
    ObjectNode c = spec.putArray("containers").addObject();
    c.put("name", "pause");
    c.put("image", "registry.k8s.io/pause:3.10");
    ObjectNode requests = c.putObject("resources").putObject("requests");
    requests.put("cpu", "100m");
    requests.put("memory", "500Mi");
    return o;
  }

  /** Changes an object read back from the server as the update phase's put does. */
  private void change(ObjectNode o, int i) {
    if (opts.pods()) {
      ((ObjectNode) o.get("metadata")).with("labels").put("extra", "updated-" + i);
    } else {
      ((ObjectNode) o.get("data")).put("extra", "updated-" + i);
    }
  }

  private void runAll() throws Exception {
    System.out.printf(
        "API load harness: %d %s of %d bytes, %d clients over TLS, server %s%n",
        opts.objects(),
        opts.pods() ? "Pods" : "ConfigMaps",
        opts.size(),
        opts.clients(),
        conn.server());
    prepareNamespace();
    List<Stats> results = new ArrayList<>();
    try {
      warmUp();
      results.add(
          phase(
              "create",
              i -> {
                BenchClient.Reply r =
                    send(client(i), req(base()).POST(object("bench-" + i, false)).build());
                expect(r, 201);
              }));
      results.add(
          phase(
              "get",
              i -> {
                BenchClient.Reply r = send(client(i), req(base() + "/bench-" + i).GET().build());
                expect(r, 200);
              }));
      results.add(
          phase(
              "update",
              i -> {
                BenchClient.Reply r = send(client(i), req(base() + "/bench-" + i).GET().build());
                expect(r, 200);
                ObjectNode o = (ObjectNode) JSON.readTree(r.body());
                change(o, i);
                BenchClient.Reply u =
                    send(
                        client(i),
                        req(base() + "/bench-" + i).PUT((JSON.writeValueAsBytes(o))).build());
                expect(u, 200);
              }));
      if (opts.pods()) {
        results.add(
            phase(
                "bind",
                i -> {
                  BenchClient.Reply r =
                      send(
                          client(i),
                          req(base() + "/bench-" + i + "/binding")
                              .POST(binding("bench-" + i, i))
                              .build());
                  expect(r, 201);
                }));
      }
      results.add(listPhase());
      results.add(
          phase(
              "delete",
              i -> {
                BenchClient.Reply r =
                    send(client(i), req(base() + "/bench-" + i + deleteQuery()).DELETE().build());
                expect(r, 200);
              }));
      results.add(watchDelay());
    } finally {
      send(
          clients.get(0),
          req(conn.server() + "/api/v1/namespaces/" + opts.namespace()).DELETE().build());
    }
    System.out.println();
    System.out.println(Stats.header());
    for (Stats s : results) {
      System.out.println(s.row());
    }
    System.out.println();
    System.out.println("'list' rows are full lists of every object in the namespace;");
    System.out.println(
        "'watch-delay' is the time from sending a create (one writer, one at a time) to its watch"
            + " event.");
  }

  /**
   * Bound pods are deleted gracefully (they stay until a kubelet confirms): the harness deletes
   * them at once, as {@code kubectl delete --force --grace-period=0}.
   */
  private String deleteQuery() {
    return opts.pods() ? "?gracePeriodSeconds=0" : "";
  }

  /**
   * A Binding of pod {@code pod} to node bench-node-(i mod 500) (the API server does not require
   * the Node).
   */
  private byte[] binding(String pod, int i) throws Exception {
    ObjectNode b = JSON.createObjectNode();
    b.put("apiVersion", "v1");
    b.put("kind", "Binding");
    b.putObject("metadata").put("name", pod);
    ObjectNode target = b.putObject("target");
    target.put("apiVersion", "v1");
    target.put("kind", "Node");
    target.put("name", "bench-node-" + (i % 500));
    return JSON.writeValueAsBytes(b);
  }

  private BenchClient client(int i) {
    return clients.get(i % clients.size());
  }

  private static void expect(BenchClient.Reply r, int code) {
    if (r.statusCode() != code) {
      throw new IllegalStateException(
          r.method()
              + " "
              + r.uri()
              + " -> "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  private void prepareNamespace() throws Exception {
    BenchClient c = clients.get(0);
    String nsUrl = conn.server() + "/api/v1/namespaces";
    for (int attempt = 0; attempt < 120; attempt++) {
      BenchClient.Reply r = send(c, req(nsUrl + "/" + opts.namespace()).GET().build());
      if (r.statusCode() == 404) {
        String body =
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + opts.namespace()
                + "\"}}";
        expect(send(c, req(nsUrl).POST(body.getBytes(StandardCharsets.UTF_8)).build()), 201);
        return;
      }
      // A previous run's namespace is still terminating: wait for it to go.
      Thread.sleep(500);
    }
    throw new IllegalStateException("namespace " + opts.namespace() + " did not go away");
  }

  /**
   * Unmeasured rounds of every operation on their own objects, so that the measured phases see a
   * server whose JIT has compiled the request path, as a long-running API server's has.
   */
  private void warmUp() throws Exception {
    for (int i = 0; i < clients.size(); i++) {
      expect(send(clients.get(i), req(base() + "?limit=1").GET().build()), 200);
    }
    int n = opts.warmup();
    if (n <= 0) {
      return;
    }
    System.out.printf("  %-12s ", "warm-up");
    run(
        n,
        i -> {
          String url = base() + "/warmup-" + i;
          expect(send(client(i), req(base()).POST(object("warmup-" + i, false)).build()), 201);
          BenchClient.Reply r = send(client(i), req(url).GET().build());
          expect(r, 200);
          expect(send(client(i), req(url).PUT((r.body())).build()), 200);
          if (opts.pods()) {
            expect(
                send(client(i), req(url + "/binding").POST(binding("warmup-" + i, i)).build()),
                201);
          }
          expect(send(client(i), req(url + deleteQuery()).DELETE().build()), 200);
        });
    for (int i = 0; i < 5; i++) {
      expect(send(clients.get(i % clients.size()), req(base()).GET().build()), 200);
    }
    System.out.println(" done");
  }

  /** One operation on object i; runs on a client thread. */
  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  private Stats phase(String name, Op op) throws Exception {
    System.out.printf("  %-12s ", name);
    System.out.flush();
    long start = System.nanoTime();
    long[] lat = run(opts.objects(), op);
    Stats s = new Stats(name, lat, System.nanoTime() - start);
    System.out.printf(" %.0f/s%n", s.throughput());
    return s;
  }

  /** Runs op on objects 0..n-1 from all clients at once, printing ten dots; the latencies. */
  private long[] run(int n, Op op) throws Exception {
    long[] lat = new long[n];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(opts.clients());
    List<Future<?>> futures = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    for (int w = 0; w < opts.clients(); w++) {
      futures.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                  long t = System.nanoTime();
                  op.run(i);
                  lat[i] = System.nanoTime() - t;
                  if (done.incrementAndGet() % Math.max(1, n / 10) == 0) {
                    System.out.print(".");
                    System.out.flush();
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return lat;
  }

  private Stats listPhase() throws Exception {
    int n = opts.lists();
    long[] lat = new long[n];
    System.out.printf("  %-12s ", "list");
    // Full lists move megabytes through paths (TLS records, big frames, the list encoder) that
    // the small requests of the warm-up do not compile; time them compiled, as the rest.
    for (int i = 0; i < opts.warmupLists(); i++) {
      expect(send(clients.get(i % clients.size()), req(base()).GET().build()), 200);
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      BenchClient.Reply r = send(clients.get(i % clients.size()), req(base()).GET().build());
      expect(r, 200);
      lat[i] = System.nanoTime() - t;
      if (i == 0) {
        int items = JSON.readTree(r.body()).path("items").size();
        if (items != opts.objects()) {
          throw new IllegalStateException("list returned " + items + " items");
        }
      }
      System.out.print(".");
    }
    Stats s = new Stats("list", lat, System.nanoTime() - start);
    System.out.printf(" %.1f ms p50%n", s.percentileMillis(50));
    return s;
  }

  /** Creates objects one at a time from one client and times each until its watch event arrives. */
  private Stats watchDelay() throws Exception {
    int n = Math.min(opts.objects(), 500);
    Map<String, Long> sent = new ConcurrentHashMap<>();
    long[] lat = new long[n];
    AtomicInteger seen = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(n);
    BenchClient watcher = conn.newClient(opts.http1());
    InputStream stream =
        watcher.stream(base() + "?watch=true&resourceVersion=0&labelSelector=bench%3Dwatch");
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  long now = System.nanoTime();
                  JsonNode ev = JSON.readTree(line);
                  if (!ev.path("type").asText().equals("ADDED")) {
                    continue;
                  }
                  String name = ev.path("object").path("metadata").path("name").asText();
                  Long t = sent.get(name);
                  if (t != null) {
                    int k = seen.getAndIncrement();
                    if (k < n) {
                      lat[k] = now - t;
                    }
                    all.countDown();
                  }
                }
              } catch (Exception e) {
                // stream closed at the end
              }
            },
            "watch-reader");
    reader.setDaemon(true);
    reader.start();
    System.out.printf("  %-12s ", "watch-delay");
    long start = System.nanoTime();
    // One writer, one create at a time, as a controller writes and an informer watches: the
    // delay is the create's own latency plus delivery, not a queue behind other writers.
    BenchClient writer = clients.get(0);
    for (int i = 0; i < n; i++) {
      String name = "watch-" + i;
      byte[] body = object(name, true);
      sent.put(name, System.nanoTime());
      expect(send(writer, req(base()).POST((body)).build()), 201);
      if (i % Math.max(1, n / 10) == 0) {
        System.out.print(".");
        System.out.flush();
      }
    }
    if (!all.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("saw " + seen.get() + " of " + n + " watch events");
    }
    long wall = System.nanoTime() - start;
    stream.close();
    watcher.close();
    Stats s = new Stats("watch-delay", lat, wall);
    System.out.printf(" %.1f ms p50%n", s.percentileMillis(50));
    return s;
  }
}

package io.karavel.store.etcd.internal;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
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
import java.util.function.IntConsumer;

/**
 * The API harness's operations straight against etcd through this bundle's {@link JetcdStore} (no
 * API server): 2000 values of 1 KiB, 16 threads; create, get, update (read, then compare-and-set,
 * as an API update), a range of all keys, delete, and the delay from one create to its watch event.
 * The difference to {@code ./karavel bench api} on the same etcd is the API server's overhead.
 * Starts its own single-member etcd unless given endpoints.
 *
 * <pre>
 * cd bundles/store-etcd &amp;&amp; mvn -q test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.karavel.store.etcd.internal.RawStoreBenchmark [http://127.0.0.1:2379[,...]]
 * </pre>
 */
public final class RawStoreBenchmark {
  private static final int OBJECTS = 2000;
  private static final int THREADS = 16;
  private static final int VALUE_BYTES = 1024;
  private static final int WARMUP = 1000;

  private RawStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    EtcdProcess own = args.length == 0 ? EtcdProcess.start() : null;
    String endpoints = own != null ? own.clientUrl() : args[0];
    try (JetcdStore store =
        JetcdStore.open(
            EtcdStore.settings(
                io.karavel.store.spi.KeyValueStoreFactory.configuration(
                    EtcdStore.Config.class,
                    Map.of("endpoints", endpoints, "compactionIntervalSeconds", "0"))))) {
      System.out.printf(
          "Raw store harness: %d values of %d bytes, %d threads, etcd %s%n",
          OBJECTS, VALUE_BYTES, THREADS, endpoints);
      byte[] value = new byte[VALUE_BYTES];
      Arrays.fill(value, (byte) 'x');
      run(store, "/warmup/", value, WARMUP, false);
      run(store, "/bench/", value, OBJECTS, true);
      watchDelay(store, value, 500);
    } finally {
      if (own != null) {
        own.close();
      }
      io.netty.util.concurrent.GlobalEventExecutor.INSTANCE.awaitInactivity(3, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static void run(KeyValueStore store, String prefix, byte[] value, int n, boolean print)
      throws Exception {
    if (print) {
      System.out.printf(
          "%-12s %8s %10s %8s %8s %8s%n",
          "operation", "count", "ops/s", "p50 ms", "p90 ms", "p99 ms");
    }
    measure("create", n, print, i -> store.create(prefix + i, value));
    measure("get", n, print, i -> store.get(prefix + i).orElseThrow());
    measure(
        "update",
        n,
        print,
        i -> {
          KeyValue kv = store.get(prefix + i).orElseThrow();
          store.update(prefix + i, value, kv.modRevision());
        });
    measure("range-all", 20, print, i -> store.range(RangeRequest.prefix(prefix)));
    measure("delete", n, print, i -> store.delete(prefix + i, 0));
  }

  private static void measure(String name, int n, boolean print, IntConsumer op) throws Exception {
    long[] nanos = new long[n];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                  long s = System.nanoTime();
                  op.accept(i);
                  nanos[i] = System.nanoTime() - s;
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (print) {
      report(name, nanos, n / seconds);
    }
  }

  private static void watchDelay(KeyValueStore store, byte[] value, int n) throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    long[] delays = new long[n];
    AtomicInteger seen = new AtomicInteger();
    CountDownLatch[] arrived = {new CountDownLatch(1)};
    Watch w =
        store.watch(
            "/delay/",
            0,
            new WatchListener() {
              @Override
              public void onEvents(List<WatchEvent> events) {
                long now = System.nanoTime();
                for (WatchEvent e : events) {
                  Long s = sent.get(e.kv().key());
                  if (s != null && e.isCreate()) {
                    delays[seen.getAndIncrement()] = now - s;
                    arrived[0].countDown();
                  }
                }
              }

              @Override
              public void onError(io.karavel.store.spi.StoreException error) {
                System.err.println("watch ended: " + error);
              }
            });
    try {
      for (int i = 0; i < n; i++) {
        arrived[0] = new CountDownLatch(1);
        String key = "/delay/" + i;
        sent.put(key, System.nanoTime());
        store.create(key, value);
        arrived[0].await(10, TimeUnit.SECONDS);
      }
    } finally {
      w.close();
    }
    report("watch-delay", Arrays.copyOf(delays, seen.get()), Double.NaN);
  }

  private static void report(String name, long[] nanos, double opsPerSecond) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-12s %8d %10s %8.2f %8.2f %8.2f%n",
        name,
        sorted.length,
        Double.isNaN(opsPerSecond) ? "-" : String.format("%.1f", opsPerSecond),
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }
}

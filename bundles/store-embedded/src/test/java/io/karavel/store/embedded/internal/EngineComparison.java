package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Measures the candidate engines of the embedded store on one workload: N threads writing values
 * durably (each write acknowledged only once on disk), then N threads reading random keys, then a
 * reopen. Prints a table.
 *
 * <pre>
 * mvn -q -pl bundles/store-embedded test-compile exec:java \
 *     -Dexec.args="[threads] [writesPerThread] [valueBytes] [readsPerThread]"
 * </pre>
 */
public final class EngineComparison {
  /** A measurement runs until it is done. */
  private static final Duration NO_LIMIT = Duration.ofDays(1);

  private EngineComparison() {}

  /** One candidate: durable writes, reads, reopen. */
  interface Engine extends AutoCloseable {
    void write(String key, byte[] value) throws Exception;

    byte[] read(String key);

    @Override
    void close() throws Exception;
  }

  interface EngineFactory {
    Engine open(Path dir) throws Exception;
  }

  record Result(
      String name, double writesPerSecond, double readsPerSecond, long reopenMillis, long bytes) {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int writes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int valueBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    int reads = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    Path root = Files.createTempDirectory("karavel-engines");
    List<Result> results = new ArrayList<>();
    try {
      List<Candidate> candidates =
          List.of(
              new Candidate("log + in-memory index (LogStore)", LogEngine::new),
              new Candidate("MVStore, shared group commit", dir -> new MvStoreEngine(dir, true)),
              new Candidate(
                  "MVStore, commit+sync per write", dir -> new MvStoreEngine(dir, false)));
      for (Candidate c : candidates) {
        // Warm the JIT on a throw-away directory first.
        run(c, root.resolve(c.slug() + "-warmup"), threads, 100, valueBytes, 1000);
        results.add(run(c, root.resolve(c.slug()), threads, writes, valueBytes, reads));
      }
    } finally {
      delete(root);
    }
    System.out.printf(
        "%n%d threads x %d durable writes of %d bytes, then %d threads x %d random reads%n",
        threads, writes, valueBytes, threads, reads);
    System.out.printf(
        "%-36s %14s %14s %10s %10s%n", "engine", "writes/s", "reads/s", "reopen ms", "disk MiB");
    for (Result r : results) {
      System.out.printf(
          "%-36s %,14.0f %,14.0f %10d %10.1f%n",
          r.name(),
          r.writesPerSecond(),
          r.readsPerSecond(),
          r.reopenMillis(),
          r.bytes() / 1048576.0);
    }
  }

  private record Candidate(String name, EngineFactory factory) {
    String slug() {
      return name.replaceAll("[^A-Za-z]+", "-");
    }
  }

  private static Result run(
      Candidate candidate, Path dir, int threads, int writes, int valueBytes, int reads)
      throws Exception {
    Files.createDirectories(dir);
    double writeRate;
    double readRate;
    try (Engine engine = candidate.factory().open(dir)) {
      writeRate =
          ParallelSteps.run(
              threads,
              writes,
              NO_LIMIT,
              (t, i) -> {
                byte[] value = new byte[valueBytes];
                ThreadLocalRandom.current().nextBytes(value);
                engine.write(key(t, i), value);
              });
      readRate =
          ParallelSteps.run(
              threads,
              reads,
              NO_LIMIT,
              (t, i) -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                if (engine.read(key(r.nextInt(threads), r.nextInt(writes))) == null) {
                  throw new IllegalStateException("a written key is missing");
                }
              });
    }
    long started = System.nanoTime();
    try (Engine engine = candidate.factory().open(dir)) {
      if (engine.read(key(threads - 1, writes - 1)) == null) {
        throw new IllegalStateException("the last key is missing after reopen");
      }
    }
    long reopen = (System.nanoTime() - started) / 1_000_000;
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    return new Result(candidate.name(), writeRate, readRate, reopen, bytes);
  }

  private static String key(int thread, int i) {
    return "/registry/configmaps/ns" + thread + "/cm-" + i;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Candidate (a): the shipped store. */
  private static final class LogEngine implements Engine {
    private final LogStore store;

    LogEngine(Path dir) throws IOException {
      store = LogStore.open(StoreSettings.defaults(dir));
    }

    @Override
    public void write(String key, byte[] value) {
      store.create(key, value);
    }

    @Override
    public byte[] read(String key) {
      return store.get(key).map(KeyValue::value).orElse(null);
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /**
   * Candidate (b): H2 MVStore holding the newest version of each key (value plus the revision
   * fields) and a revision-to-key map for history. With {@code groupCommit}, one thread commits and
   * syncs for every write waiting, as the log store does; without it, every writer commits and
   * syncs on its own.
   */
  private static final class MvStoreEngine implements Engine {
    private final MVStore store;
    private final MVMap<String, byte[]> kv;
    private final MVMap<Long, String> revisions;
    private final AtomicLong revision = new AtomicLong(1);
    private final LinkedBlockingQueue<CompletableFuture<Void>> waiting;
    private final Thread committer;

    MvStoreEngine(Path dir, boolean groupCommit) {
      store =
          new MVStore.Builder()
              .fileName(dir.resolve("store.mv").toString())
              .autoCommitDisabled()
              .open();
      kv = store.openMap("kv");
      revisions = store.openMap("revisions");
      if (groupCommit) {
        waiting = new LinkedBlockingQueue<>();
        committer = new Thread(this::commitLoop, "mvstore-committer");
        committer.setDaemon(true);
        committer.start();
      } else {
        waiting = null;
        committer = null;
      }
    }

    @Override
    public void write(String key, byte[] value) throws Exception {
      long rev = revision.incrementAndGet();
      ByteBuffer record = ByteBuffer.allocate(24 + value.length);
      record.putLong(rev).putLong(rev).putLong(1).put(value);
      kv.put(key, record.array());
      revisions.put(rev, key);
      if (waiting == null) {
        store.commit();
        store.sync();
      } else {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        done.get();
      }
    }

    private void commitLoop() {
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      try {
        while (true) {
          batch.add(waiting.take());
          waiting.drainTo(batch);
          store.commit();
          store.sync();
          batch.forEach(f -> f.complete(null));
          batch.clear();
        }
      } catch (InterruptedException e) {
        batch.forEach(f -> f.completeExceptionally(e));
      }
    }

    @Override
    public byte[] read(String key) {
      return kv.get(key);
    }

    @Override
    public void close() throws InterruptedException {
      if (committer != null) {
        committer.interrupt();
        committer.join();
      }
      store.close();
    }
  }
}

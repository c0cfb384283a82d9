package io.karavel.store.etcd.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.DeleteResult;
import io.karavel.store.spi.FutureRevisionException;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyNotFoundException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.RangeRequest;
import io.karavel.store.spi.RangeResult;
import io.karavel.store.spi.RevisionMismatchException;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.ValueTooLargeException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyValueStore} on an etcd v3 cluster through one jetcd client. The SPI maps onto etcd
 * directly: the store's revision is etcd's cluster revision, a create is a transaction on {@code
 * createRevision == 0}, a guarded update or delete one on {@code modRevision == N}, a watch is an
 * etcd watch with {@code prev_kv}. Keys are stored under {@link EtcdSettings#keyPrefix()}.
 *
 * <p>A request that etcd does not answer within the request timeout fails with {@link
 * StoreUnavailableException}; a write may still have been applied then, as with kube-apiserver.
 */
final class JetcdStore implements KeyValueStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JetcdStore.class);

  /** Any key: reads of it only serve to learn a revision or whether a revision is readable. */
  private static final ByteSequence PROBE_KEY = ByteSequence.from("/", UTF_8);

  private static final GetOption COUNT_ONLY = GetOption.builder().withCountOnly(true).build();
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final EtcdSettings settings;
  private final ExecutorService clientExecutor;
  private final ExecutorService watchDispatch;
  private final ScheduledExecutorService maintenance;
  private final Client client;
  private final PeriodicCompactor compactor;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicLong knownCompactRevision = new AtomicLong();
  private ScheduledFuture<?> compaction;
  private volatile boolean closed;

  private JetcdStore(EtcdSettings settings) {
    this.settings = settings;
    this.clientExecutor = Executors.newCachedThreadPool(threads("karavel-etcd-client-"));
    this.watchDispatch = Executors.newCachedThreadPool(threads("karavel-etcd-watch-"));
    this.maintenance = Executors.newSingleThreadScheduledExecutor(threads("karavel-etcd-maint-"));
    this.client = EtcdClients.build(settings, clientExecutor);
    this.compactor = new PeriodicCompactor(this);
  }

  /**
   * A store on the cluster at {@code settings.endpoints()}. Connects in the background: the outcome
   * is logged, and requests fail with {@link StoreUnavailableException} while the cluster cannot be
   * reached.
   */
  static JetcdStore open(EtcdSettings settings) {
    JetcdStore store = new JetcdStore(settings);
    try {
      store.maintenance.execute(store::logConnection);
      store.scheduleCompaction(settings.compactionInterval());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  EtcdSettings settings() {
    return settings;
  }

  /** Changes how often the history is compacted; zero stops the timer. */
  synchronized void scheduleCompaction(Duration interval) {
    if (compaction != null) {
      compaction.cancel(false);
      compaction = null;
    }
    if (!interval.isZero() && !closed) {
      long millis = interval.toMillis();
      compaction =
          maintenance.scheduleWithFixedDelay(compactor, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void logConnection() {
    try {
      long revision = currentRevision();
      LOG.info(
          "etcd store on {} (key prefix '{}') at revision {}",
          settings.endpoints(),
          settings.keyPrefix(),
          revision);
    } catch (StoreException e) {
      LOG.warn(
          "etcd at {} is not reachable yet; requests fail until it is: {}",
          settings.endpoints(),
          e.getMessage());
    }
  }

  // ------------------------------------------------------------ reads

  @Override
  public long currentRevision() {
    return awaitRead(kv().get(PROBE_KEY, COUNT_ONLY), 0).getHeader().getRevision();
  }

  @Override
  public RangeResult range(RangeRequest request) {
    String from = request.fromKey();
    if (from.isEmpty() && settings.keyPrefix().isEmpty()) {
      from = "\0"; // etcd refuses an empty key; NUL is the smallest one.
    }
    GetOption.Builder option =
        GetOption.builder().withRevision(request.revision()).withLimit(request.limit());
    if (request.toKey() != null) {
      option.withRange(bytes(request.toKey()));
    }
    GetResponse response = awaitRead(kv().get(bytes(from), option.build()), request.revision());
    List<KeyValue> kvs = new ArrayList<>(response.getKvs().size());
    for (io.etcd.jetcd.KeyValue kv : response.getKvs()) {
      kvs.add(toSpi(kv));
    }
    long revision =
        request.revision() != 0 ? request.revision() : response.getHeader().getRevision();
    return new RangeResult(kvs, response.isMore(), response.getCount(), revision);
  }

  // ------------------------------------------------------------ writes

  @Override
  public KeyValue create(String key, byte[] value) {
    checkSize(value);
    ByteSequence k = bytes(key);
    TxnResponse response =
        awaitWrite(
            kv().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            value.length);
    if (response.isSucceeded()) {
      long revision = response.getHeader().getRevision();
      return new KeyValue(key, value.clone(), revision, revision, 1);
    }
    throw new KeyExistsException(current(response, key));
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    checkSize(value);
    ByteSequence k = bytes(key);
    TxnResponse response =
        awaitWrite(
            kv().txn()
                .If(guard(k, expectedModRevision))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            value.length);
    if (response.isSucceeded()) {
      PutResponse put = response.getPutResponses().get(0);
      io.etcd.jetcd.KeyValue previous = put.getPrevKv();
      return new KeyValue(
          key,
          value.clone(),
          previous.getCreateRevision(),
          response.getHeader().getRevision(),
          previous.getVersion() + 1);
    }
    throw new RevisionMismatchException(current(response, key), expectedModRevision);
  }

  @Override
  public DeleteResult delete(String key, long expectedModRevision) {
    ByteSequence k = bytes(key);
    TxnResponse response =
        awaitWrite(
            kv().txn()
                .If(guard(k, expectedModRevision))
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            0);
    if (response.isSucceeded()) {
      io.etcd.jetcd.KeyValue previous = response.getDeleteResponses().get(0).getPrevKvs().get(0);
      return new DeleteResult(toSpi(previous), response.getHeader().getRevision());
    }
    throw new RevisionMismatchException(current(response, key), expectedModRevision);
  }

  /** {@code modRevision == expected}, or for 0 merely "the key exists". */
  private static Cmp guard(ByteSequence key, long expectedModRevision) {
    return expectedModRevision == 0
        ? new Cmp(key, Cmp.Op.GREATER, CmpTarget.createRevision(0))
        : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
  }

  /**
   * The version that the failed transaction's Else branch read, atomically with the comparison.
   *
   * @throws KeyNotFoundException if there is none
   */
  private static KeyValue current(TxnResponse response, String key) {
    List<io.etcd.jetcd.KeyValue> kvs = response.getGetResponses().get(0).getKvs();
    if (kvs.isEmpty()) {
      throw new KeyNotFoundException(key);
    }
    return toSpi(kvs.get(0));
  }

  private void checkSize(byte[] value) {
    if (value.length > settings.maxValueBytes()) {
      throw new ValueTooLargeException(value.length, settings.maxValueBytes());
    }
  }

  // ------------------------------------------------------------ watch

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must be >= 0");
    }
    checkOpen();
    // "0" is "after the current revision" as of this call; etcd's own 0 means "as of whenever the
    // server registers the watch", which would miss writes made in between.
    long from = startRevision == 0 ? currentRevision() + 1 : startRevision;
    EtcdWatch watch =
        new EtcdWatch(
            from, listener, watchDispatch, failure -> watchFailure(failure, from), watches::remove);
    watches.add(watch);
    WatchOption option =
        WatchOption.builder()
            .isPrefix(true)
            .withRevision(from)
            .withPrevKV(true)
            .withProgressNotify(true)
            // A member cut off from its cluster ends the watch rather than go silent.
            .withRequireLeader(true)
            .build();
    try {
      watch.attach(client.getWatchClient().watch(bytes(prefix), option, watch));
    } catch (RuntimeException e) {
      watches.remove(watch);
      throw translate(e, from, 0);
    }
    if (closed) {
      watch.end(new StoreUnavailableException("the etcd store is closed"));
    }
    return watch;
  }

  private StoreException watchFailure(Throwable failure, long startRevision) {
    Throwable t = EtcdErrors.unwrap(failure);
    if (t instanceof io.etcd.jetcd.common.exception.CompactedException c) {
      long compacted = c.getCompactedRevision();
      knownCompactRevision.accumulateAndGet(compacted, Math::max);
      return new CompactedException(startRevision, compacted);
    }
    return translate(t, startRevision, 0);
  }

  // ------------------------------------------------------------ compaction

  @Override
  public void compact(long revision) {
    if (revision <= knownCompactRevision.get()) {
      return;
    }
    try {
      awaitRaw(kv().compact(revision));
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      switch (EtcdErrors.kind(e)) {
        case COMPACTED -> {
          return; // at or below etcd's compact revision: nothing to do, as the SPI says
        }
        case FUTURE_REVISION -> throw new FutureRevisionException(revision, currentRevision());
        default -> throw translate(e, 0, 0);
      }
    }
    knownCompactRevision.accumulateAndGet(revision, Math::max);
  }

  /**
   * etcd has no request that reports its compact revision. Reads at a revision fail exactly when it
   * is below the compact revision, so this finds the lowest readable revision: one read when no one
   * else compacted since this store last did or learned of it, a binary search otherwise.
   */
  @Override
  public long compactRevision() {
    long known = knownCompactRevision.get();
    long low = Math.max(known, 1);
    if (readableAt(low)) {
      return known;
    }
    long high = currentRevision(); // always readable
    while (high - low > 1) {
      long mid = low + (high - low) / 2;
      if (readableAt(mid)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    knownCompactRevision.accumulateAndGet(high, Math::max);
    return high;
  }

  private boolean readableAt(long revision) {
    try {
      awaitRaw(
          kv().get(
                  PROBE_KEY,
                  GetOption.builder().withCountOnly(true).withRevision(revision).build()));
      return true;
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      if (EtcdErrors.kind(e) == EtcdErrors.Kind.COMPACTED) {
        return false;
      }
      throw translate(e, 0, 0);
    }
  }

  @Override
  public int maxValueSize() {
    return settings.maxValueBytes();
  }

  // ------------------------------------------------------------ plumbing

  private KV kv() {
    checkOpen();
    return client.getKVClient();
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreUnavailableException("the etcd store is closed");
    }
  }

  /** Waits for a read at {@code requestedRevision}; failures become the SPI's exceptions. */
  private <T> T awaitRead(CompletableFuture<T> future, long requestedRevision) {
    try {
      return awaitRaw(future);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(e, requestedRevision, 0);
    }
  }

  /** Waits for a write of a {@code valueSize}-byte value; failures become the SPI's exceptions. */
  private <T> T awaitWrite(CompletableFuture<T> future, int valueSize) {
    try {
      return awaitRaw(future);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(e, 0, valueSize);
    }
  }

  /**
   * Waits for a request. Timeouts and interrupts become {@link StoreUnavailableException}; etcd's
   * own failures are thrown as they are, unwrapped, for the caller to sort.
   */
  private <T> T awaitRaw(CompletableFuture<T> future) {
    // The gRPC deadline normally ends a request first; this bounds jetcd's retries too.
    long limit = 2 * settings.requestTimeout().toMillis() + 1_000;
    try {
      return future.get(limit, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = EtcdErrors.unwrap(e);
      throw cause instanceof RuntimeException r ? r : new StoreException(cause.toString(), cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StoreUnavailableException("etcd did not answer within " + limit + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for etcd");
    }
  }

  private StoreException translate(Throwable failure, long requestedRevision, int valueSize) {
    String what = EtcdErrors.describe(failure);
    return switch (EtcdErrors.kind(failure)) {
      case COMPACTED -> new CompactedException(requestedRevision, compactRevision());
      case FUTURE_REVISION -> new FutureRevisionException(requestedRevision, currentRevision());
      case TOO_LARGE -> new ValueTooLargeException(valueSize, settings.maxValueBytes());
      case UNAVAILABLE ->
          new StoreUnavailableException(
              "etcd at " + settings.endpoints() + " is unavailable: " + what,
              EtcdErrors.unwrap(failure));
      case OTHER -> new StoreException("etcd: " + what, EtcdErrors.unwrap(failure));
    };
  }

  // ------------------------------------------------------------ conversion

  static ByteSequence bytes(String key) {
    return ByteSequence.from(key, UTF_8);
  }

  static String keyOf(io.etcd.jetcd.KeyValue kv) {
    return kv.getKey().toString(UTF_8);
  }

  static KeyValue toSpi(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        keyOf(kv),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion());
  }

  /** jetcd hands an empty KeyValue where etcd sent none (a create's prev_kv). */
  static KeyValue toSpiOrNull(io.etcd.jetcd.KeyValue kv) {
    return kv == null || kv.getModRevision() == 0 ? null : toSpi(kv);
  }

  // ------------------------------------------------------------ life cycle

  /**
   * Ends every watch with {@link StoreUnavailableException}, then releases the connection and every
   * thread. Closing twice is harmless.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (compaction != null) {
        compaction.cancel(false);
      }
    }
    maintenance.shutdownNow();
    StoreUnavailableException ending = new StoreUnavailableException("the etcd store is closing");
    for (EtcdWatch w : List.copyOf(watches)) {
      w.end(ending);
    }
    watchDispatch.shutdown();
    stop(maintenance);
    stop(watchDispatch);
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the etcd client failed", e);
    }
    clientExecutor.shutdownNow();
    stop(clientExecutor);
    VertxThreads.awaitStopped(client, SHUTDOWN_WAIT);
  }

  private static void stop(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
        LOG.warn("etcd store threads did not stop within {}", SHUTDOWN_WAIT);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

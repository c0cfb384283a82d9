package io.karavel.store.embedded.internal;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The running watches. A watch holds no queue of its own: it keeps a cursor into the index's event
 * history and a pool thread advances it whenever the durable revision moves. Replay and live
 * delivery are therefore the same loop, writers never wait for watchers, and a watcher that falls
 * behind costs no memory beyond the history the store keeps anyway. A watcher that falls behind the
 * compacted history is ended with {@link CompactedException}, the same answer etcd gives.
 *
 * <p>A batch wakes only the watches whose prefix it touched: each watch learns the first revision
 * of the batch that holds an event for it before that revision becomes durable, so a watch woken
 * for any other reason (compaction, its own next turn) skips a stretch of history with nothing for
 * it instead of scanning it. With one store watch per watched resource, waking all of them for
 * every batch cost more in thread hand-offs than delivering the events did.
 */
final class WatchHub {
  private final MvccIndex index;
  private final LongSupplier durableRevision;
  private final LongSupplier compactRevision;
  private final ExecutorService executor;
  private final Set<WatchCursor> watches = ConcurrentHashMap.newKeySet();

  WatchHub(MvccIndex index, LongSupplier durableRevision, LongSupplier compactRevision) {
    this.index = index;
    this.durableRevision = durableRevision;
    this.compactRevision = compactRevision;
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            8,
            8,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "karavel-store-watch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  /**
   * Starts a watch at {@code startRevision} (0: after the durable revision).
   *
   * @throws CompactedException if {@code startRevision} is below the compact revision
   */
  Watch open(String prefix, long startRevision, WatchListener listener) {
    WatchCursor cursor;
    synchronized (this) {
      long durable = durableRevision.getAsLong();
      long start = startRevision == 0 ? durable + 1 : startRevision;
      long compacted = compactRevision.getAsLong();
      if (start < compacted) {
        throw new CompactedException(start, compacted);
      }
      // Anything from start up to the durable revision may be for it; later batches tell it.
      long pending = start <= durable ? start : WatchCursor.NONE;
      cursor = new WatchCursor(this, prefix, start, pending, listener);
      watches.add(cursor);
    }
    cursor.signal();
    return cursor;
  }

  /**
   * Publishes the batch of revisions {@code from} to {@code to}: tells each watch whose prefix has
   * a key in it, runs {@code makeDurable} (which moves the durable revision to {@code to}), then
   * wakes those watches. Called by the single commit thread, with {@code from} just above the
   * previous durable revision.
   */
  void publish(long from, long to, Runnable makeDurable) {
    List<WatchCursor> touched = new ArrayList<>();
    synchronized (this) {
      if (!watches.isEmpty() && from <= to) {
        Collection<WatchEvent> batch = index.events(from, to).values();
        for (WatchCursor w : watches) {
          long first = firstUnder(batch, w.prefix());
          if (first != WatchCursor.NONE) {
            w.hasEventAt(first);
            touched.add(w);
          }
        }
      }
      makeDurable.run();
    }
    for (WatchCursor w : touched) {
      w.signal();
    }
  }

  private static long firstUnder(Collection<WatchEvent> batch, String prefix) {
    for (WatchEvent ev : batch) {
      if (ev.kv().key().startsWith(prefix)) {
        return ev.revision();
      }
    }
    return WatchCursor.NONE;
  }

  /** Wakes every watch: the compact revision moved. */
  void signalAll() {
    for (WatchCursor w : watches) {
      w.signal();
    }
  }

  /** Ends every watch with {@code reason} and stops the delivery threads. */
  void closeAll(StoreException reason) throws InterruptedException {
    for (WatchCursor w : watches) {
      w.fail(reason);
    }
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  int size() {
    return watches.size();
  }

  MvccIndex index() {
    return index;
  }

  long durableRevision() {
    return durableRevision.getAsLong();
  }

  long compactRevision() {
    return compactRevision.getAsLong();
  }

  void schedule(WatchCursor cursor) {
    executor.execute(cursor);
  }

  void remove(WatchCursor cursor) {
    watches.remove(cursor);
  }
}

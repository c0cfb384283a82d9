package io.karavel.store.embedded.internal;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: the next revision it has to look at, and a delivery task that runs on the hub's pool
 * at most once at a time. All listener calls happen under {@link #delivery}, which is how {@link
 * #close()} can promise that no call starts after it returns.
 */
final class WatchCursor implements Watch, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCursor.class);

  /** Events per listener call. */
  static final int EVENTS_PER_CALL = 512;

  /** No pending revision. */
  static final long NONE = Long.MAX_VALUE;

  /** Listener calls per turn on a pool thread, so that one busy watch does not starve others. */
  private static final int CALLS_PER_TURN = 8;

  private final WatchHub hub;
  private final String prefix;
  private final WatchListener listener;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicReference<StoreException> error = new AtomicReference<>();
  private final ReentrantLock delivery = new ReentrantLock();
  private volatile boolean closed;
  private long next;

  /**
   * No revision below this one and not yet delivered holds an event under {@link #prefix}; {@link
   * #NONE} when none is known. The hub lowers it to the first matching revision of each batch
   * before that batch becomes durable; a delivery turn takes it and scans from it, so a stretch of
   * history with nothing for this watch is neither scanned nor, when compacted, mistaken for lost
   * events.
   */
  private final AtomicLong pendingFrom;

  /**
   * The newest revision the hub has marked for this watch. Marks are merged into {@link
   * #pendingFrom} by their minimum, so a turn that took a mark checks this afterwards for later
   * marks it absorbed.
   */
  private volatile long latestMark;

  /** Delivery turns taken on the pool, for tests. */
  private volatile int turns;

  /**
   * @param pendingFrom the first revision that may hold an event for it ({@link #NONE}: none yet)
   */
  WatchCursor(WatchHub hub, String prefix, long start, long pendingFrom, WatchListener listener) {
    this.hub = hub;
    this.prefix = prefix;
    this.next = start;
    this.pendingFrom = new AtomicLong(pendingFrom);
    this.listener = listener;
  }

  String prefix() {
    return prefix;
  }

  /** Called by the hub before {@code revision} becomes durable: it has a key under the prefix. */
  void hasEventAt(long revision) {
    if (revision > latestMark) {
      latestMark = revision;
    }
    pending(revision);
  }

  private void pending(long revision) {
    pendingFrom.accumulateAndGet(revision, Math::min);
  }

  /** Makes sure a delivery task will look at the history again. */
  void signal() {
    if (!closed && scheduled.compareAndSet(false, true)) {
      try {
        hub.schedule(this);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
      }
    }
  }

  /** Ends the watch with {@code reason}, delivered by the delivery task. */
  void fail(StoreException reason) {
    if (error.compareAndSet(null, reason)) {
      signal();
    }
  }

  int turns() {
    return turns;
  }

  @Override
  public void run() {
    delivery.lock();
    try {
      turns++;
      for (int call = 0; call < CALLS_PER_TURN && !closed; call++) {
        if (error.get() != null) {
          end(error.get());
          return;
        }
        if (!deliverOnce()) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("A watch listener on {} failed; ending the watch", prefix, e);
      end(new StoreException("the watch listener failed: " + e, e));
    } finally {
      delivery.unlock();
      scheduled.set(false);
    }
    if (!closed && (error.get() != null || pendingFrom.get() <= hub.durableRevision())) {
      signal();
    }
  }

  /**
   * Delivers the next events of this watch's prefix up to the durable revision.
   *
   * @return whether there may be more to deliver now
   */
  private boolean deliverOnce() {
    long upTo = hub.durableRevision();
    if (next > upTo) {
      return false;
    }
    // Taken after reading the durable revision: every batch up to it has lowered it already.
    long from = pendingFrom.getAndSet(NONE);
    if (from > upTo) {
      // Nothing under the prefix up to upTo; a batch not yet durable may have left its mark.
      pending(from);
      next = upTo + 1;
      return false;
    }
    next = Math.max(next, from);
    if (behindCompaction()) {
      return false;
    }
    List<WatchEvent> batch = new ArrayList<>();
    long scannedTo = upTo;
    for (WatchEvent ev : hub.index().events(next, upTo).values()) {
      if (ev.kv().key().startsWith(prefix)) {
        batch.add(ev);
        if (batch.size() == EVENTS_PER_CALL) {
          scannedTo = ev.revision();
          break;
        }
      }
    }
    // Compaction may have removed events while they were read: then the batch has a gap.
    if (behindCompaction()) {
      return false;
    }
    next = scannedTo + 1;
    // More than one call's worth, or a mark of a batch past upTo merged into the one taken.
    if (scannedTo < upTo || latestMark > scannedTo) {
      pending(next);
    }
    if (!batch.isEmpty() && !closed) {
      listener.onEvents(batch);
    }
    return true;
  }

  private boolean behindCompaction() {
    long compacted = hub.compactRevision();
    if (next < compacted) {
      end(new CompactedException(next, compacted));
      return true;
    }
    return false;
  }

  private void end(StoreException reason) {
    if (closed) {
      return;
    }
    closed = true;
    hub.remove(this);
    listener.onError(reason);
  }

  @Override
  public void close() {
    closed = true;
    hub.remove(this);
    // Wait for a call in progress on another thread; from inside the listener this is reentrant.
    delivery.lock();
    delivery.unlock();
  }
}

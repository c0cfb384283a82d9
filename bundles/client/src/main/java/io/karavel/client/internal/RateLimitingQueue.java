package io.karavel.client.internal;

import io.karavel.client.RateLimiter;
import io.karavel.client.WorkQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link WorkQueue} with client-go's queue, delaying queue and rate-limiting queue semantics. The
 * ready keys form a FIFO; {@code dirty} holds the keys that need processing (queued, or re-added
 * while in process) and {@code processing} the keys handed out and not yet done.
 */
public final class RateLimitingQueue<K> implements WorkQueue<K> {

  /** A key waiting for its delay; {@code this} identity tells a live entry from a replaced one. */
  private record Delayed(long readyAtNanos, ScheduledFuture<?> timer) {}

  private final RateLimiter<K> rateLimiter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Delayed> delayed = new HashMap<>();
  // One timer thread, started by the executor on the first delayed add only.
  private final ScheduledThreadPoolExecutor timers;
  private boolean shuttingDown;

  public RateLimitingQueue(String name, RateLimiter<K> rateLimiter) {
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "workqueue-" + name + "-delay");
              thread.setDaemon(true);
              return thread;
            });
    timers.setRemoveOnCancelPolicy(true);
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void add(K key) {
    Objects.requireNonNull(key, "key");
    lock.lock();
    try {
      addLocked(key);
    } finally {
      lock.unlock();
    }
  }

  private void addLocked(K key) {
    if (shuttingDown || !dirty.add(key)) {
      return;
    }
    // A key in process is queued again by done(), so that no two workers ever hold it.
    if (!processing.contains(key)) {
      queue.addLast(key);
      notEmpty.signal();
    }
  }

  @Override
  public void addAfter(K key, Duration delay) {
    Objects.requireNonNull(key, "key");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      long readyAt = System.nanoTime() + delay.toNanos();
      Delayed existing = delayed.get(key);
      if (existing != null) {
        if (existing.readyAtNanos() - readyAt <= 0) {
          return;
        }
        existing.timer().cancel(false);
      }
      // The timer task blocks on the lock until this entry is in the map.
      Delayed[] self = new Delayed[1];
      ScheduledFuture<?> timer =
          timers.schedule(() -> fire(key, self[0]), delay.toNanos(), TimeUnit.NANOSECONDS);
      self[0] = new Delayed(readyAt, timer);
      delayed.put(key, self[0]);
    } finally {
      lock.unlock();
    }
  }

  private void fire(K key, Delayed entry) {
    lock.lock();
    try {
      if (delayed.get(key) == entry) {
        delayed.remove(key);
        addLocked(key);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addRateLimited(K key) {
    addAfter(key, rateLimiter.when(key));
  }

  @Override
  public void forget(K key) {
    rateLimiter.forget(key);
  }

  @Override
  public int numRequeues(K key) {
    return rateLimiter.numRequeues(key);
  }

  @Override
  public Optional<K> get() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        notEmpty.await();
      }
      K key = queue.pollFirst();
      if (key == null) {
        return Optional.empty();
      }
      processing.add(key);
      dirty.remove(key);
      return Optional.of(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void done(K key) {
    lock.lock();
    try {
      if (!processing.remove(key)) {
        return;
      }
      if (dirty.contains(key)) {
        queue.addLast(key);
        notEmpty.signal();
      }
      if (processing.isEmpty()) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int len() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      delayed.clear();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    timers.shutdownNow();
  }

  @Override
  public void shutDownWithDrain() throws InterruptedException {
    shutDown();
    lock.lockInterruptibly();
    try {
      while (!processing.isEmpty()) {
        idle.await();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isShuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }
}

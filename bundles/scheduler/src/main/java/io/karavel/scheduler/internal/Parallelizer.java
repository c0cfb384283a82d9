package io.karavel.scheduler.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a per-index piece of work over {@code 0..n-1} on a few threads (the calling thread plus up
 * to {@code parallelism - 1} pool threads), in chunks, until the work says stop.
 */
final class Parallelizer {
  /** Work on one index; returns false to stop every worker. */
  @FunctionalInterface
  interface Piece {
    boolean run(int index);
  }

  private static final int CHUNK = 16;
  private final ExecutorService pool;
  private final int parallelism;

  /**
   * @param pool null to run everything on the calling thread
   */
  Parallelizer(ExecutorService pool, int parallelism) {
    this.pool = pool;
    this.parallelism = pool == null ? 1 : Math.max(1, parallelism);
  }

  void until(int n, Piece piece) {
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Runnable worker =
        () -> {
          while (!stop.get()) {
            int from = next.getAndAdd(CHUNK);
            if (from >= n) {
              return;
            }
            int to = Math.min(n, from + CHUNK);
            for (int i = from; i < to; i++) {
              if (!piece.run(i)) {
                stop.set(true);
                return;
              }
            }
          }
        };
    int helpers = Math.min(parallelism - 1, (n - 1) / CHUNK);
    if (helpers <= 0) {
      worker.run();
      return;
    }
    CountDownLatch done = new CountDownLatch(helpers);
    int submitted = 0;
    for (int h = 0; h < helpers; h++) {
      try {
        pool.execute(
            () -> {
              try {
                worker.run();
              } finally {
                done.countDown();
              }
            });
        submitted++;
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    for (int h = submitted; h < helpers; h++) {
      done.countDown();
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
    }
  }
}

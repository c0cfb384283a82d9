package io.karavel.store.embedded.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Steps run on several threads at once, started together: the tests' and benchmarks' load. */
final class ParallelSteps {

  /** One step of one thread. */
  interface Step {
    void run(int thread, int i) throws Exception;
  }

  private ParallelSteps() {}

  /**
   * Runs {@code perThread} steps on each of {@code threads} threads, released together; fails if a
   * thread fails or has not finished within {@code timeout}. Returns steps per second.
   */
  static double run(int threads, int perThread, Duration timeout, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    step.run(thread, i);
                  }
                  return null;
                }));
      }
      long started = System.nanoTime();
      go.countDown();
      for (Future<?> f : done) {
        f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      return threads * (double) perThread / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.karavel.client.internal;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The task executor of a client that may reach the in-process API server. fabric8 runs its
 * informers' work on the client's task executor, by default a cached thread pool: every watch
 * event, once decoded, is handed to a pool thread that updates the informer's cache and calls the
 * event handlers, one thread hand-off (a park and an unpark) per event. Under the scheduler
 * benchmark those hand-offs were about 6% of the server's CPU.
 *
 * <p>A task submitted from a thread that delivers a loopback answer runs on that thread instead: it
 * is the consumer of that answer (a watch's frames, in order), and the next frame waits for it as
 * it would wait in the pool's queue. Every other task, and every task of a client over HTTPS, goes
 * to the pool as before. The event handlers therefore run on the delivering thread; a handler that
 * blocks holds up its own watch only, since the frames of different watches are delivered on
 * different threads of the transport's cached pool.
 */
final class LoopbackTaskExecutor implements Executor {

  private static final long IDLE_SECONDS = 60;

  private final ExecutorService pool;

  LoopbackTaskExecutor() {
    this.pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            LoopbackTransport.threads("karavel-client-task-", false));
  }

  /** A fresh executor for each client built, shut down when that client closes. */
  static KubernetesClientBuilder.ExecutorSupplier supplier() {
    return new KubernetesClientBuilder.ExecutorSupplier() {
      @Override
      public Executor get() {
        return new LoopbackTaskExecutor();
      }

      @Override
      public void onClose(Executor executor) {
        ((LoopbackTaskExecutor) executor).shutdown();
      }
    };
  }

  @Override
  public void execute(Runnable task) {
    if (!LoopbackTransport.onDeliveryThread()) {
      pool.execute(task);
      return;
    }
    try {
      task.run();
    } catch (RuntimeException | LinkageError e) {
      // What a pool thread would do with it: report it and carry on; the submitter (fabric8's
      // watch handling) must not see the task's failure.
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
  }

  void shutdown() {
    pool.shutdownNow();
  }

  /** Whether the pool has been shut down (tests). */
  boolean isShutdown() {
    return pool.isShutdown();
  }
}

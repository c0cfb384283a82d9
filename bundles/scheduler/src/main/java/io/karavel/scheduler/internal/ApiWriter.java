package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.AsyncWriter;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort asynchronous writes the scheduler makes besides binding: events, the {@code
 * PodScheduled} condition and nominations. Callers (the scheduling thread, binding threads) only
 * queue a write and return: one sender thread sends them in order through the client library's
 * bounded {@link AsyncWriter}, with few requests outstanding, so that they never slow a cycle and,
 * under load, leave the API server to the bindings first (upstream's event broadcaster also writes
 * from one goroutine). A full queue drops the write, as upstream's broadcaster drops events, and
 * counts it.
 */
final class ApiWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiWriter.class);

  private final AsyncWriter writer;
  private final ThreadPoolExecutor sender;
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param maxInFlight requests outstanding at once
   * @param maxQueued writes waiting beyond those before new ones are dropped
   */
  ApiWriter(KubernetesClient client, int maxInFlight, int maxQueued) {
    this.writer = new AsyncWriter(client, maxInFlight);
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(maxQueued),
            r -> {
              Thread t = new Thread(r, "karavel-scheduler-writer");
              t.setDaemon(true);
              return t;
            },
            (r, executor) -> {
              if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn(
                    "scheduler writes (events, pod status) are queued beyond {}; {} dropped so far",
                    maxQueued,
                    dropped.get());
              }
            });
  }

  /** Queues a POST of a JSON text. */
  void postJson(String path, String json) {
    send("POST", path, "application/json", json);
  }

  /** Queues a strategic merge patch. */
  void strategicPatch(String path, String json) {
    send("PATCH", path, "application/strategic-merge-patch+json", json);
  }

  private void send(String method, String path, String contentType, String body) {
    sender.execute(
        () -> {
          try {
            writer.send(method, path, contentType, body);
          } catch (RuntimeException e) {
            LOG.debug("{} {} failed", method, path, e);
          }
        });
  }

  /** Writes waiting to be sent. */
  long queued() {
    return sender.getQueue().size();
  }

  /** Writes dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  /** Stops sending; queued writes are given up to {@code millis} to go out. */
  void close(long millis) {
    sender.shutdown();
    try {
      sender.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.shutdownNow();
  }
}

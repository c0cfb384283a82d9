package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.client.RateLimiter;
import io.karavel.client.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RateLimitingQueueTest {
  private final List<WorkQueue<?>> queues = new ArrayList<>();
  private ExecutorService workers;

  private <K> WorkQueue<K> queue(RateLimiter<K> limiter) {
    WorkQueue<K> queue = WorkQueue.create("test", limiter);
    queues.add(queue);
    return queue;
  }

  @AfterEach
  void tearDown() {
    queues.forEach(WorkQueue::shutDown);
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  @Test
  void duplicatesCollapseAndOrderIsFifo() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    queue.add("a");
    queue.add("b");
    queue.add("a");
    queue.add("c");
    queue.add("b");

    assertThat(queue.len()).isEqualTo(3);
    assertThat(queue.get()).contains("a");
    assertThat(queue.get()).contains("b");
    assertThat(queue.get()).contains("c");
    assertThat(queue.len()).isZero();
  }

  @Test
  void keyReAddedWhileProcessingIsQueuedOnlyAfterDone() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    queue.add("a");
    assertThat(queue.get()).contains("a");

    queue.add("a");
    queue.add("a");
    // Still in process: not handed out again, and collapsed into one pending entry.
    assertThat(queue.len()).isZero();

    queue.done("a");
    assertThat(queue.len()).isEqualTo(1);
    assertThat(queue.get()).contains("a");
    queue.done("a");
    assertThat(queue.len()).isZero();
  }

  @Test
  void doneWithoutReAddDoesNotRequeue() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    queue.add("a");
    queue.get();
    queue.done("a");
    assertThat(queue.len()).isZero();
  }

  @Test
  void noKeyIsProcessedByTwoWorkersAtOnce() throws Exception {
    WorkQueue<Integer> queue = queue(RateLimiter.defaultControllerRateLimiter());
    int workerCount = 4;
    int keys = 5;
    int rounds = 400;
    Set<Integer> inProcess = ConcurrentHashMap.newKeySet();
    AtomicBoolean overlap = new AtomicBoolean();
    AtomicInteger processed = new AtomicInteger();
    workers = Executors.newFixedThreadPool(workerCount);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workerCount; w++) {
      running.add(
          workers.submit(
              () -> {
                Optional<Integer> key;
                while ((key = queue.get()).isPresent()) {
                  if (!inProcess.add(key.get())) {
                    overlap.set(true);
                  }
                  Thread.onSpinWait();
                  inProcess.remove(key.get());
                  processed.incrementAndGet();
                  queue.done(key.get());
                }
                return null;
              }));
    }
    for (int i = 0; i < rounds; i++) {
      queue.add(i % keys);
    }
    queue.shutDownWithDrain();
    for (Future<?> future : running) {
      future.get(5, TimeUnit.SECONDS);
    }

    assertThat(overlap).isFalse();
    assertThat(processed.get()).isBetween(keys, rounds);
  }

  @Test
  void addAfterDelaysAndKeepsTheEarliestReadyTime() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    long start = System.nanoTime();
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofMillis(60));
    queue.addAfter("a", Duration.ofSeconds(20));
    assertThat(queue.len()).isZero();

    assertThat(queue.get()).contains("a");
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // Not before its delay; and the 60 ms entry replaced the 10 s one while the 20 s one was
    // ignored (the bound is loose so that a loaded machine does not fail the test).
    assertThat(waitedMillis).isBetween(55L, 5000L);
    queue.done("a");
    assertThat(queue.len()).isZero();
  }

  @Test
  void addRateLimitedBacksOffExponentiallyPerKeyUntilForgotten() throws Exception {
    WorkQueue<String> queue =
        queue(RateLimiter.itemExponentialFailure(Duration.ofMillis(20), Duration.ofSeconds(1)));
    long[] waits = new long[4];
    for (int i = 0; i < waits.length; i++) {
      long start = System.nanoTime();
      queue.addRateLimited("a");
      assertThat(queue.get()).contains("a");
      waits[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      queue.done("a");
    }
    assertThat(queue.numRequeues("a")).isEqualTo(4);
    // 20, 40, 80, 160 ms: each wait at least its backoff (lower bounds only: on a loaded machine
    // any wait may run long, so comparing waits with each other is flaky).
    assertThat(waits[0]).isGreaterThanOrEqualTo(18);
    assertThat(waits[1]).isGreaterThanOrEqualTo(38);
    assertThat(waits[2]).isGreaterThanOrEqualTo(78);
    assertThat(waits[3]).isGreaterThanOrEqualTo(158);

    queue.forget("a");
    assertThat(queue.numRequeues("a")).isZero();
    long start = System.nanoTime();
    queue.addRateLimited("a");
    assertThat(queue.get()).contains("a");
    // Forgotten: back to the 20 ms base, well below the 320 ms the next step would have been.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(300);
  }

  @Test
  void shutDownReleasesBlockedWorkersAndIgnoresNewKeys() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    CountDownLatch waiting = new CountDownLatch(1);
    workers = Executors.newSingleThreadExecutor();
    Future<Optional<String>> blocked =
        workers.submit(
            () -> {
              waiting.countDown();
              return queue.get();
            });
    waiting.await();
    Thread.sleep(50);
    assertThat(blocked.isDone()).isFalse();

    queue.shutDown();
    assertThat(blocked.get(2, TimeUnit.SECONDS)).isEmpty();
    assertThat(queue.isShuttingDown()).isTrue();

    queue.add("late");
    queue.addAfter("later", Duration.ofMillis(10));
    Thread.sleep(50);
    assertThat(queue.len()).isZero();
    assertThat(queue.get()).isEmpty();
  }

  @Test
  void shutDownStillHandsOutQueuedKeysAndDropsDelayedOnes() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    queue.add("queued");
    queue.addAfter("delayed", Duration.ofMillis(50));
    queue.shutDown();
    assertThat(queue.get()).contains("queued");
    Thread.sleep(100);
    assertThat(queue.get()).isEmpty();
  }

  @Test
  void shutDownWithDrainWaitsForKeysInProcess() throws Exception {
    WorkQueue<String> queue = queue(RateLimiter.defaultControllerRateLimiter());
    queue.add("a");
    assertThat(queue.get()).contains("a");
    workers = Executors.newSingleThreadExecutor();
    Future<?> drain =
        workers.submit(
            () -> {
              queue.shutDownWithDrain();
              return null;
            });
    Thread.sleep(100);
    assertThat(drain.isDone()).isFalse();
    queue.done("a");
    drain.get(2, TimeUnit.SECONDS);
  }
}

package io.karavel.store.embedded.internal;

import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write that is waiting, sequences them, appends their records
 * to the log in one call and forces the log once, then acknowledges them all. Writers that arrive
 * while the disk is busy form the next batch, so concurrent clients share fsyncs.
 *
 * <p>An fsync of this machine's log costs 70–110 µs of system CPU, often more than the write it
 * makes durable; under a steady stream of writes most found the disk idle and were forced alone (on
 * the scheduler benchmark, 1.3 writes per fsync). So when writes have been arriving closer together
 * than the commit delay, the writer waits that long for more before forcing the log, as
 * PostgreSQL's {@code commit_delay} does when other transactions are active. An isolated write, one
 * that arrives after a quiet spell, is forced at once.
 */
final class CommitWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CommitWriter.class);

  /** Stop adding to a batch past this many bytes, so one batch never holds the disk for long. */
  static final int BATCH_BYTES = 8 << 20;

  private static final int MAX_BATCH = 4096;
  private static final int BUFFER_BYTES = 1 << 20;

  /** The longest gap between writes, in commit delays, that the mean gap takes in. */
  private static final long QUIET_GAPS = 16;

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Pending stop = new Pending(null);
  private final StateMachine machine;
  private final WriteAheadLog log;
  private final BooleanSupplier fsync;
  private final long commitDelayNanos;
  private final LongConsumer onDurable;
  private final Runnable afterBatch;
  private final RecordBuffer buffer = new RecordBuffer(BUFFER_BYTES);
  private final Thread thread;
  private volatile boolean closed;
  private volatile IOException failure;
  // Writer thread only: when the previous write was submitted, and the mean gap between writes
  // (exponentially weighted, 1/8 per write), which starts as a quiet spell.
  private long lastArrival;
  private double meanGapNanos = Double.MAX_VALUE;
  // Writer thread only: whether the last wait gathered writes, or writes queued up by themselves.
  private boolean delayPays = true;
  // Writer thread only: the stop marker has been taken; what is still queued is written, then the
  // thread ends.
  private boolean stopping;
  private volatile long delays;

  /**
   * @param onDurable called with the newest revision once a batch is on disk, before the batch's
   *     writers are acknowledged
   * @param afterBatch called on the writer thread after each batch (log rotation, for one)
   * @param commitDelay how long to wait for more writes before forcing the log when writes arrive
   *     closer together than that; zero never waits
   */
  CommitWriter(
      StateMachine machine,
      WriteAheadLog log,
      BooleanSupplier fsync,
      Duration commitDelay,
      LongConsumer onDurable,
      Runnable afterBatch) {
    this.machine = machine;
    this.log = log;
    this.fsync = fsync;
    this.commitDelayNanos = commitDelay.toNanos();
    this.onDurable = onDurable;
    this.afterBatch = afterBatch;
    this.thread = new Thread(this::run, "karavel-store-commit");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Sequences {@code op} and waits until it is durable.
   *
   * @return what {@link StateMachine#apply} returned
   * @throws StoreException what {@link StateMachine#apply} threw, or {@link
   *     StoreUnavailableException} when the store is closed or its log cannot be written
   */
  Object submit(WriteOp op) {
    refuseIfUnusable();
    Pending pending = new Pending(op);
    queue.add(pending);
    // Lost a race with stop(): whoever removes the write from the queue answers it.
    if (closed && queue.remove(pending)) {
      throw new StoreUnavailableException("the store is closed");
    }
    try {
      return pending.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("write failed", e.getCause());
    }
  }

  private void refuseIfUnusable() {
    if (closed) {
      throw new StoreUnavailableException("the store is closed");
    }
    if (failure != null) {
      throw new StoreUnavailableException("the store's log cannot be written", failure);
    }
  }

  /** Finishes the writes already queued, then stops the thread. */
  void stop() throws InterruptedException {
    closed = true;
    queue.add(stop);
    thread.join();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      while (!stopping || !queue.isEmpty()) {
        gather(stopping ? queue.poll() : queue.take(), batch);
        if (shouldWait(batch)) {
          // Writes are arriving faster than the delay: let more join this fsync. Writers that
          // arrive meanwhile do not wake this thread; it takes them all when the delay is over.
          int beforeDelay = batch.size();
          delays++;
          LockSupport.parkNanos(commitDelayNanos);
          gather(queue.poll(), batch);
          // A lone write whose wait gathered nothing: the writes come from one writer after
          // another (a collection delete), each waiting for the last; waiting only slows them.
          // Several writes that gathered nothing more are writers that all wait on this batch:
          // waiting still spares them fsyncs.
          delayPays = beforeDelay > 1 || batch.size() > beforeDelay;
        }
        if (!batch.isEmpty()) {
          commit(batch);
          batch.clear();
          afterBatch.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("The commit writer failed", e);
      failure = new IOException("commit writer failed", e);
    } finally {
      closed = true;
      StoreUnavailableException gone = new StoreUnavailableException("the store is closed");
      for (Pending p : batch) {
        p.result.completeExceptionally(gone);
      }
      Pending left;
      while ((left = queue.poll()) != null) {
        left.result.completeExceptionally(gone);
      }
    }
  }

  /** Adds {@code next} and whatever else is queued to the batch, until the batch is full. */
  private void gather(Pending next, List<Pending> batch) {
    while (next != null) {
      if (next == stop) {
        stopping = true;
      } else {
        arrived(next);
        batch.add(next);
        apply(next);
      }
      if (full(batch)) {
        return;
      }
      next = queue.poll();
    }
  }

  /** Whether to wait the commit delay for more writes before forcing this batch. */
  private boolean shouldWait(List<Pending> batch) {
    if (stopping || batch.isEmpty() || full(batch)) {
      return false;
    }
    if (batch.size() > 1) {
      // Writes queued while the disk was busy: several writers at once.
      delayPays = true;
    }
    return delayPays && writesAreClose();
  }

  private boolean full(List<Pending> batch) {
    return buffer.size() >= BATCH_BYTES || batch.size() >= MAX_BATCH;
  }

  private void arrived(Pending p) {
    if (lastArrival != 0) {
      // A quiet spell counts as at most 16 delays, so that a burst after it is recognised
      // within some twenty writes rather than after the spell has decayed.
      long gap = Math.min(p.submitted - lastArrival, QUIET_GAPS * commitDelayNanos);
      meanGapNanos =
          meanGapNanos == Double.MAX_VALUE ? gap : meanGapNanos + (gap - meanGapNanos) / 8;
    }
    lastArrival = p.submitted;
  }

  /** Whether the writes of late came closer together than the commit delay, and are forced. */
  private boolean writesAreClose() {
    return commitDelayNanos > 0 && meanGapNanos < commitDelayNanos && fsync.getAsBoolean();
  }

  /** Batches that waited the commit delay, for tests. */
  long delays() {
    return delays;
  }

  private void apply(Pending p) {
    if (failure != null) {
      p.error = new StoreUnavailableException("the store's log cannot be written", failure);
      return;
    }
    try {
      p.value = machine.apply(p.op, buffer);
    } catch (StoreException e) {
      p.error = e;
    }
  }

  private void commit(List<Pending> batch) {
    if (buffer.size() > 0 && failure == null) {
      try {
        log.append(buffer.contents());
        if (fsync.getAsBoolean()) {
          log.sync();
        }
      } catch (IOException e) {
        // The versions of this batch are in memory but not safely on disk: never show them.
        LOG.error("Writing the store's log failed; the store refuses writes from now on", e);
        failure = e;
        for (Pending p : batch) {
          p.result.completeExceptionally(
              new StoreUnavailableException("the store's log cannot be written", e));
        }
        return;
      } finally {
        buffer.clear(BATCH_BYTES, BUFFER_BYTES);
      }
      onDurable.accept(machine.revision());
    }
    for (Pending p : batch) {
      if (p.error != null) {
        p.result.completeExceptionally(p.error);
      } else {
        p.result.complete(p.value);
      }
    }
  }

  /** One write and its outcome. */
  private static final class Pending {
    final WriteOp op;
    final long submitted = System.nanoTime();
    final CompletableFuture<Object> result = new CompletableFuture<>();
    Object value;
    StoreException error;

    Pending(WriteOp op) {
      this.op = op;
    }
  }
}

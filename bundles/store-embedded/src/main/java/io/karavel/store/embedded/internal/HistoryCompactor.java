package io.karavel.store.embedded.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Chooses how far the timer compacts. Each tick notes which revision was current when; history is
 * kept for the revisions that were current within the retention window (and at most a number of
 * revisions), everything older is compacted. With ticks every {@code interval}, a revision is kept
 * for between {@code retention} and {@code retention + interval}.
 */
final class HistoryCompactor {
  private record Sample(long nanos, long revision) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private final LongSupplier clock;

  HistoryCompactor(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Notes the current revision and answers the revision to compact at.
   *
   * @param currentRevision the store's durable revision now
   * @param retention how long a revision stays readable after it was superseded
   * @param maxRevisions the most revisions of history to keep; 0 for no limit
   * @return the compact revision to apply, or 0 for none
   */
  synchronized long tick(long currentRevision, Duration retention, long maxRevisions) {
    long now = clock.getAsLong();
    samples.addLast(new Sample(now, currentRevision));
    long horizon = now - retention.toNanos();
    // Keep the newest sample at or before the horizon; older ones can never matter again.
    while (samples.size() > 1 && second().nanos() - horizon <= 0) {
      samples.removeFirst();
    }
    Sample oldest = samples.peekFirst();
    long target = oldest.nanos() - horizon <= 0 ? oldest.revision() : 0;
    if (maxRevisions > 0) {
      target = Math.max(target, currentRevision - maxRevisions);
    }
    return Math.max(0, target);
  }

  private Sample second() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }
}

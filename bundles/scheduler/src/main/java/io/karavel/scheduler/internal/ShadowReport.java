package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shadow mode of one profile: every scheduling cycle also runs the shadow plugin set on the same
 * snapshot, without reserving or binding, and this report counts where its choice differs from the
 * live one and keeps the latest differences. Ties between equally scored nodes are broken at random
 * by both, so equal-score differences are expected noise.
 */
final class ShadowReport {
  /** One cycle where the shadow chose otherwise ({@code null}: no node fits). */
  record Difference(Instant at, String pod, String liveNode, String shadowNode) {}

  private static final int KEEP = 50;

  final String schedulerName;
  final AtomicLong cycles = new AtomicLong();
  final AtomicLong differences = new AtomicLong();
  final AtomicLong nanos = new AtomicLong();
  private final Deque<Difference> latest = new ArrayDeque<>();

  ShadowReport(String schedulerName) {
    this.schedulerName = schedulerName;
  }

  /** Runs {@code shadow} for {@code pod} on {@code snapshot} and compares with the live choice. */
  void compare(Framework shadow, NodeSnapshot snapshot, PodInfo pod, String liveNode) {
    long t = System.nanoTime();
    Framework.ScheduleResult r = shadow.schedule(new CycleState(snapshot), pod);
    nanos.addAndGet(System.nanoTime() - t);
    cycles.incrementAndGet();
    String shadowNode = r.ok() ? r.node() : null;
    if (!Objects.equals(liveNode, shadowNode)) {
      differences.incrementAndGet();
      synchronized (latest) {
        latest.addFirst(new Difference(Instant.now(), pod.key(), liveNode, shadowNode));
        while (latest.size() > KEEP) {
          latest.removeLast();
        }
      }
    }
  }

  List<Difference> latest() {
    synchronized (latest) {
      return List.copyOf(latest);
    }
  }
}

package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.QueueSortPlugin;
import io.karavel.scheduler.spi.QueuedPod;
import io.karavel.scheduler.spi.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Pods waiting to be scheduled, in three sub-queues as upstream's PriorityQueue: <em>active</em>
 * (ordered by the profile's QueueSort plugin), <em>backoff</em> (failed pods waiting out an
 * exponential backoff, initial 1 s doubling up to 10 s by default) and <em>unschedulable</em> (pods
 * no node fits, waiting for a cluster event that one of the plugins that rejected them cares about,
 * or for {@code maxInUnschedulable}). PreEnqueue plugins gate entry into the active queue.
 */
final class SchedulingQueue {
  /** Where a pod is. */
  enum Where {
    ACTIVE,
    BACKOFF,
    UNSCHEDULABLE,
    GATED,
    IN_FLIGHT
  }

  /** A pod in the queue, with its bookkeeping. */
  static final class Entry {
    PodInfo pod;
    Instant timestamp;
    final Instant initial;
    int attempts;
    Set<String> rejectors = Set.of();
    String reason = "";
    long backoffExpiry;
    Where where;
    long poppedCycle;
    boolean updatedInFlight;

    Entry(PodInfo pod, Instant now) {
      this.pod = pod;
      this.timestamp = now;
      this.initial = now;
    }

    QueuedPod queued() {
      return new QueuedPod(pod, timestamp, attempts, initial);
    }
  }

  /** What the shell shows of a pending pod. */
  record Pending(String pod, String schedulerName, Where where, int attempts, String reason) {}

  private final Clock clock;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxInUnschedulable;
  private final Function<PodInfo, Framework> frameworks;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final Map<String, Entry> entries = new HashMap<>();
  private PriorityQueue<Entry> active;
  private final PriorityQueue<Entry> backoff =
      new PriorityQueue<>(Comparator.comparingLong(e -> e.backoffExpiry));
  private long schedulingCycle;
  private long moveRequestCycle = -1;
  private boolean closed;

  /**
   * @param frameworks the framework of a pod's profile (PreEnqueue, event interests); may return
   *     null for pods of unknown or unrunnable profiles
   */
  SchedulingQueue(
      Clock clock,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxInUnschedulable,
      Function<PodInfo, Framework> frameworks) {
    this.clock = clock;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxInUnschedulable = maxInUnschedulable;
    this.frameworks = frameworks;
    this.active = new PriorityQueue<>(comparator(null));
  }

  private static Comparator<Entry> comparator(QueueSortPlugin sort) {
    if (sort == null) {
      return Comparator.comparing((Entry e) -> e.timestamp);
    }
    return (a, b) -> {
      QueuedPod qa = a.queued();
      QueuedPod qb = b.queued();
      return sort.less(qa, qb) ? -1 : sort.less(qb, qa) ? 1 : 0;
    };
  }

  /** Switches the active queue's order (when the profiles' QueueSort plugin changes). */
  void setQueueSort(QueueSortPlugin sort) {
    lock.lock();
    try {
      PriorityQueue<Entry> q = new PriorityQueue<>(comparator(sort));
      q.addAll(active);
      active = q;
    } finally {
      lock.unlock();
    }
  }

  /** A new unscheduled pod, or an update of one already queued. */
  void addOrUpdate(PodInfo pod) {
    addOrUpdate(pod, true);
  }

  /**
   * A new unscheduled pod, or an update of one already queued; an update that changed only the
   * status ({@code relevant} false, e.g. the scheduler's own PodScheduled condition) does not move
   * a waiting pod.
   */
  void addOrUpdate(PodInfo pod, boolean relevant) {
    lock.lock();
    try {
      Entry e = entries.get(pod.uid());
      if (e == null) {
        e = new Entry(pod, clock.instant());
        entries.put(pod.uid(), e);
        enqueue(e);
        return;
      }
      e.pod = pod;
      switch (e.where) {
        case IN_FLIGHT -> e.updatedInFlight = true;
        case ACTIVE -> {
          active.remove(e);
          active.add(e);
        }
        case BACKOFF -> {
          backoff.remove(e);
          backoff.add(e);
        }
        case UNSCHEDULABLE, GATED -> {
          if (relevant) {
            remove(e);
            enqueue(e);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The pod was deleted or bound: forget it. */
  void delete(String uid) {
    lock.lock();
    try {
      Entry e = entries.remove(uid);
      if (e != null) {
        remove(e);
      }
    } finally {
      lock.unlock();
    }
  }

  boolean contains(String uid) {
    lock.lock();
    try {
      return entries.containsKey(uid);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the next pod to schedule, up to {@code timeout}; marks it in flight.
   *
   * @return the pod and the cycle number, or empty on timeout or when closed
   */
  Optional<Entry> pop(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (active.isEmpty() && !closed) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = nonEmpty.awaitNanos(nanos);
      }
      if (closed) {
        return Optional.empty();
      }
      Entry e = active.poll();
      e.where = Where.IN_FLIGHT;
      e.attempts++;
      e.poppedCycle = ++schedulingCycle;
      e.updatedInFlight = false;
      return Optional.of(e);
    } finally {
      lock.unlock();
    }
  }

  /** The pod left the queue for good (assumed on a node). */
  void done(String uid) {
    lock.lock();
    try {
      Entry e = entries.get(uid);
      if (e != null && e.where == Where.IN_FLIGHT) {
        entries.remove(uid);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A scheduling attempt failed. Rejected pods (rejectors non-empty) wait in the unschedulable
   * queue for a relevant event, unless an event or an update arrived during their cycle; errors (no
   * rejectors) go to backoff.
   */
  void requeueFailed(String uid, Set<String> rejectors, String reason) {
    lock.lock();
    try {
      Entry e = entries.get(uid);
      if (e == null) {
        return;
      }
      if (e.where != Where.IN_FLIGHT) {
        remove(e);
      }
      Instant now = clock.instant();
      e.timestamp = now;
      e.rejectors = Set.copyOf(rejectors);
      e.reason = reason;
      e.backoffExpiry = now.toEpochMilli() + backoffDuration(e.attempts).toMillis();
      if (rejectors.isEmpty() || e.updatedInFlight || moveRequestCycle >= e.poppedCycle) {
        toBackoffOrActive(e);
      } else {
        e.where = Where.UNSCHEDULABLE;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves unschedulable pods whose rejecting plugins care about {@code event}. */
  void onEvent(ClusterEvent event) {
    lock.lock();
    try {
      moveRequestCycle = schedulingCycle;
      for (Entry e : entries.values()) {
        if (e.where == Where.UNSCHEDULABLE) {
          Framework f = frameworks.apply(e.pod);
          if (f == null || f.interested(e.rejectors, event)) {
            toBackoffOrActive(e);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Re-evaluates every waiting pod (profiles or plugins changed). */
  void reevaluateAll() {
    lock.lock();
    try {
      moveRequestCycle = schedulingCycle;
      for (Entry e : entries.values()) {
        if (e.where == Where.UNSCHEDULABLE || e.where == Where.GATED) {
          remove(e);
          enqueue(e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Backoff completed → active; unschedulable too long → active or backoff. */
  void flush() {
    lock.lock();
    try {
      long now = clock.millis();
      while (!backoff.isEmpty() && backoff.peek().backoffExpiry <= now) {
        Entry e = backoff.poll();
        e.where = Where.ACTIVE;
        active.add(e);
        nonEmpty.signal();
      }
      for (Entry e : entries.values()) {
        if (e.where == Where.UNSCHEDULABLE
            && now - e.timestamp.toEpochMilli() >= maxInUnschedulable.toMillis()) {
          toBackoffOrActive(e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops {@link #pop}; nothing is queued afterwards. */
  void close() {
    lock.lock();
    try {
      closed = true;
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<Pending> pending() {
    lock.lock();
    try {
      List<Pending> l = new ArrayList<>();
      for (Entry e : entries.values()) {
        String name = e.pod.pod().getSpec().getSchedulerName();
        l.add(new Pending(e.pod.key(), name, e.where, e.attempts, e.reason));
      }
      l.sort(Comparator.comparing(Pending::pod));
      return l;
    } finally {
      lock.unlock();
    }
  }

  /** Sizes of active, backoff, unschedulable (gated included) and in-flight. */
  int[] sizes() {
    lock.lock();
    try {
      int[] s = new int[4];
      for (Entry e : entries.values()) {
        switch (e.where) {
          case ACTIVE -> s[0]++;
          case BACKOFF -> s[1]++;
          case UNSCHEDULABLE, GATED -> s[2]++;
          case IN_FLIGHT -> s[3]++;
        }
      }
      return s;
    } finally {
      lock.unlock();
    }
  }

  Duration backoffDuration(int attempts) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempts; i++) {
      d = d.multipliedBy(2);
      if (d.compareTo(maxBackoff) >= 0) {
        return maxBackoff;
      }
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  // ------------------------------------------------------------------ under the lock

  private void enqueue(Entry e) {
    Framework f = frameworks.apply(e.pod);
    if (f != null) {
      Status s = f.runPreEnqueue(e.pod);
      if (!s.isSuccess()) {
        e.where = Where.GATED;
        e.reason = s.message();
        return;
      }
    }
    toBackoffOrActive(e);
  }

  /** Backoff while the pod's backoff (0 before its first attempt) has not expired, else active. */
  private void toBackoffOrActive(Entry e) {
    if (e.backoffExpiry > clock.millis()) {
      e.where = Where.BACKOFF;
      backoff.add(e);
    } else {
      e.where = Where.ACTIVE;
      active.add(e);
      nonEmpty.signal();
    }
  }

  private void remove(Entry e) {
    switch (e.where) {
      case ACTIVE -> active.remove(e);
      case BACKOFF -> backoff.remove(e);
      default -> {}
    }
  }

  static long toMillis(Duration d) {
    return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
  }
}

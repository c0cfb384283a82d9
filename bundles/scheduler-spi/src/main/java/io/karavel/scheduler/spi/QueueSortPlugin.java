package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Orders the active queue. A profile has exactly one QueueSort plugin. */
@ConsumerType
public interface QueueSortPlugin extends Plugin {

  /**
   * Whether {@code a} is to be scheduled before {@code b}. Must be a strict weak ordering, pure and
   * fast (called under the queue's lock).
   */
  boolean less(QueuedPod a, QueuedPod b);
}

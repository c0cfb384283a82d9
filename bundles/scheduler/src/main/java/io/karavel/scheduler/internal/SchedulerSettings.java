package io.karavel.scheduler.internal;

import java.time.Duration;

/** The scheduler's tuning, from {@link SchedulerConfig}. */
record SchedulerSettings(
    int parallelism,
    int bindParallelism,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxInUnschedulable,
    Duration assumedPodTtl) {

  static SchedulerSettings defaults() {
    return new SchedulerSettings(
        16,
        64,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofSeconds(30));
  }
}

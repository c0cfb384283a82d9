package io.karavel.scheduler.spi;

import java.time.Instant;

/**
 * A pod waiting in the scheduling queue.
 *
 * @param podInfo the pod
 * @param timestamp when it was last added to the queue
 * @param attempts how many scheduling attempts it had
 * @param initialAttempt when it was first added to the queue
 */
public record QueuedPod(PodInfo podInfo, Instant timestamp, int attempts, Instant initialAttempt) {}

package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the scheduler reserves a node for a pod (the pod is assumed there) and when that
 * reservation is undone.
 */
@ConsumerType
public interface ReservePlugin extends Plugin {

  /**
   * Reserves plugin-held resources for the pod on {@code nodeName}.
   *
   * @return success; any other status fails the cycle, and then {@link #unreserve} is called on
   *     every Reserve plugin, this one included
   */
  Status reserve(CycleState state, PodInfo pod, String nodeName);

  /**
   * Undoes {@link #reserve}. Called when a later step (reserve, permit, pre-bind, bind) failed;
   * must be idempotent and must tolerate being called without a prior successful reserve.
   */
  void unreserve(CycleState state, PodInfo pod, String nodeName);
}

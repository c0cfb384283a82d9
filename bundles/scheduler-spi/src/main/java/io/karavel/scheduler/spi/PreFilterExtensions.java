package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Incremental updates of the state a PreFilter plugin wrote, used when the framework evaluates
 * "what if" a pod were added to or removed from a node (preemption, nominated pods).
 */
@ConsumerType
public interface PreFilterExtensions {

  /**
   * Updates {@code state} as if {@code podToAdd} ran on {@code node}. Must only change data in
   * {@code state} (which is a copy owned by the caller).
   *
   * @return success, or error to abort the evaluation
   */
  Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

  /**
   * Updates {@code state} as if {@code podToRemove} no longer ran on {@code node}.
   *
   * @return success, or error to abort the evaluation
   */
  Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
}

package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterExtensions;
import io.karavel.scheduler.spi.Status;

/**
 * AddPod/RemovePod of a plugin whose PreFilter state counts pods: both are one update, counting the
 * pod in (+1) or out (-1) of its node's domains.
 */
interface PodDeltaExtensions extends PreFilterExtensions {

  /**
   * Counts {@code other} on {@code node} into the PreFilter state in {@code state} with {@code
   * delta} (1 or -1); success when there is no state (the plugin's PreFilter skipped the pod).
   */
  Status update(CycleState state, PodInfo podToSchedule, PodInfo other, NodeInfo node, int delta);

  @Override
  default Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
    return update(state, podToSchedule, podToAdd, node, 1);
  }

  @Override
  default Status removePod(
      CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
    return update(state, podToSchedule, podToRemove, node, -1);
  }
}

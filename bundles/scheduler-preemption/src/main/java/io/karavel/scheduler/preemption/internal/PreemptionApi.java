package io.karavel.scheduler.preemption.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/** What preemption writes and reads through the API server. */
public interface PreemptionApi {

  /** Every PodDisruptionBudget (policy/v1). */
  List<PodDisruptionBudget> podDisruptionBudgets();

  /**
   * Evicts a victim as upstream's preemption does: the {@code DisruptionTarget} condition, the
   * deletion, and a {@code Preempted} event on the victim.
   */
  void preempt(Pod victim, Pod preemptor, String node, String schedulerName);

  /** Clears {@code status.nominatedNodeName} of {@code pod}. */
  void clearNomination(Pod pod);
}

package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Decides whether a pod can run on a node. */
@ConsumerType
public interface FilterPlugin extends Plugin {

  /**
   * Whether {@code pod} fits {@code node}. Called concurrently for many nodes of one cycle; must
   * not write {@code state}, must be deterministic for the same inputs and must not block. {@code
   * node} may hold pods added for the evaluation (nominated pods, preemption) that are not in the
   * snapshot.
   *
   * @return success if the pod fits; unschedulable with reasons (e.g. {@code "Insufficient cpu"})
   *     if it does not fit now but might after preemption; unschedulable-and-unresolvable if
   *     preempting pods on this node cannot help; error for an internal problem (aborts the cycle)
   */
  Status filter(CycleState state, PodInfo pod, NodeInfo node);
}

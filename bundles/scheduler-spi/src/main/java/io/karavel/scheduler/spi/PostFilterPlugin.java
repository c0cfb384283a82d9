package io.karavel.scheduler.spi;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** Runs after no node passed filtering, e.g. to preempt lower priority pods. */
@ConsumerType
public interface PostFilterPlugin extends Plugin {

  /**
   * Tries to make the pod schedulable. Plugins run in the configured order until one returns
   * success or unschedulable-and-unresolvable. {@code state} is the failed cycle's state (after
   * PreFilter); copy it before changing it. {@link CycleState#framework()} runs the profile's
   * filters and PreFilter extensions for "what if" evaluations (as preemption does). A nominated
   * node is recorded by the scheduler ({@code status.nominatedNodeName}) and counted in later
   * cycles.
   *
   * @param filteredNodeStatus why each node was rejected, by node name
   * @return success with a nominated node if the pod can be scheduled there in a later cycle;
   *     unschedulable if this plugin could not help; error for an internal problem
   */
  PostFilterResult postFilter(
      CycleState state, PodInfo pod, Map<String, Status> filteredNodeStatus);
}

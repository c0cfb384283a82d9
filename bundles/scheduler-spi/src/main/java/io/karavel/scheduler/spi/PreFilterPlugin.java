package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Runs once per cycle before filtering: precomputes state and can reject the pod early. */
@ConsumerType
public interface PreFilterPlugin extends Plugin {

  /**
   * Precomputes what Filter needs and writes it to {@code state}.
   *
   * @return success (optionally restricting the candidate nodes); skip to have this plugin's Filter
   *     skipped for this pod; unschedulable or unschedulable-and-unresolvable to reject the pod for
   *     every node (the reason is reported for all nodes); error to abort the cycle
   */
  PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot);

  /**
   * AddPod/RemovePod, or null if the plugin's state does not depend on other pods. Preemption uses
   * them to evaluate a node with some pods removed (or nominated pods added).
   */
  default PreFilterExtensions preFilterExtensions() {
    return null;
  }
}

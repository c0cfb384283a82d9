package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Approves, delays or denies binding a pod to the node chosen for it. */
@ConsumerType
public interface PermitPlugin extends Plugin {

  /**
   * Called after Reserve, in the scheduling cycle.
   *
   * @return allow; wait (the pod waits, outside the scheduling cycle, until every waiting plugin
   *     allowed it through {@link WaitingPod#allow}, one rejects it, or the smallest timeout
   *     passes); or a rejection, which unreserves the pod
   */
  PermitResult permit(CycleState state, PodInfo pod, String nodeName);
}

package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Gates pods before they enter the active queue (upstream: SchedulingGates). */
@ConsumerType
public interface PreEnqueuePlugin extends Plugin {

  /**
   * Called when a pod is added or updated, before it may enter the active queue. Must be fast,
   * side-effect free and idempotent.
   *
   * @return success to let the pod in; any other status keeps it in the unschedulable pods, with
   *     the status's reasons shown as why it is pending, until the pod is updated
   */
  Status preEnqueue(PodInfo pod);
}

package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Prepares a node for a pod before it is bound (e.g. provisions a volume). */
@ConsumerType
public interface PreBindPlugin extends Plugin {

  /**
   * Runs in the binding cycle (off the scheduling thread; may block for I/O).
   *
   * @return success to go on to Bind; skip if nothing was to be done; any other status unreserves
   *     the pod and requeues it
   */
  Status preBind(CycleState state, PodInfo pod, String nodeName);
}

package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Binds a pod to a node (upstream's DefaultBinder posts a {@code pods/binding}). */
@ConsumerType
public interface BindPlugin extends Plugin {

  /**
   * Binds the pod. Bind plugins are asked in order until one does not skip. Runs in the binding
   * cycle and may block for I/O.
   *
   * @return success once the binding is accepted; skip if this plugin does not handle the pod;
   *     error if binding failed (the pod is forgotten from the cache and requeued)
   */
  Status bind(CycleState state, PodInfo pod, String nodeName);
}

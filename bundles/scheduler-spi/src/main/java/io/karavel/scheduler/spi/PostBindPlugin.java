package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Informational hook after a successful bind (e.g. to clean up). */
@ConsumerType
public interface PostBindPlugin extends Plugin {

  /** Called after the pod was bound. Must not fail; exceptions are logged and ignored. */
  void postBind(CycleState state, PodInfo pod, String nodeName);
}

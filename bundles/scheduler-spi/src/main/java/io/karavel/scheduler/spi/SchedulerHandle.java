package io.karavel.scheduler.spi;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the running scheduler offers plugins, registered as an OSGi service by the scheduler while
 * it runs: the waiting pods of Permit and the latest snapshot.
 */
@ProviderType
public interface SchedulerHandle {

  /** The pod of that uid if it is held by a Permit plugin. */
  Optional<WaitingPod> waitingPod(String uid);

  /** Every pod held by a Permit plugin. */
  List<WaitingPod> waitingPods();

  /** The cache's current view of the cluster (a new immutable snapshot). */
  NodeSnapshot snapshot();
}

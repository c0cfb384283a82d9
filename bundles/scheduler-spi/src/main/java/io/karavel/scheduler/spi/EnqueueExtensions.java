package io.karavel.scheduler.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by plugins that can reject pods (PreEnqueue, PreFilter, Filter, Reserve, Permit) to
 * say which cluster events may change their verdict. A pod rejected by such a plugin is moved back
 * to the active (or backoff) queue only when one of those events happens, or after the
 * unschedulable timeout; a rejecting plugin without this interface is treated as interested in
 * every event.
 */
@ConsumerType
public interface EnqueueExtensions {

  /** The events that may make a pod this plugin rejected schedulable. Called once per profile. */
  List<ClusterEvent> eventsToRegister();
}

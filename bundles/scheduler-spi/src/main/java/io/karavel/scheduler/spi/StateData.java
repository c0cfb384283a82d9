package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** A value a plugin keeps in the {@link CycleState} between its extension points. */
@ConsumerType
public interface StateData {

  /**
   * A copy that the original's later changes do not affect (used when the framework clones a cycle
   * state, e.g. for preemption dry runs or shadow profiles). Immutable data may return itself.
   */
  StateData copy();
}

package io.karavel.scheduler.spi;

/** The outcome kinds of a plugin call, as upstream's framework defines them. */
public enum Code {
  /** The plugin ran and found nothing against the pod. */
  SUCCESS,
  /** An internal or unexpected error; the pod is retried with backoff. */
  ERROR,
  /**
   * The pod does not fit now; preemption (PostFilter) may help, and the pod is retried when a
   * relevant cluster event happens.
   */
  UNSCHEDULABLE,
  /** Like {@link #UNSCHEDULABLE}, but preempting other pods on that node cannot help. */
  UNSCHEDULABLE_AND_UNRESOLVABLE,
  /** Permit only: the pod waits for an allow or reject, up to the returned timeout. */
  WAIT,
  /**
   * The plugin does not apply to this pod: from PreFilter/PreScore its Filter/Score is skipped for
   * the cycle; from Bind the next bind plugin is asked.
   */
  SKIP,
  /** PreEnqueue only: the pod is kept out of the active queue until something changes. */
  PENDING
}

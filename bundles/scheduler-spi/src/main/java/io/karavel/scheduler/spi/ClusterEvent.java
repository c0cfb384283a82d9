package io.karavel.scheduler.spi;

/**
 * A change in the cluster that may make unschedulable pods schedulable.
 *
 * @param resource what changed
 * @param actions a bit set of the {@code ADD}, {@code DELETE} and {@code UPDATE_*} constants
 */
public record ClusterEvent(Resource resource, int actions) {

  /** Kinds of objects the scheduler watches. */
  public enum Resource {
    /** The pod being scheduled itself (unscheduled pods). */
    POD,
    /** Pods already bound to a node. */
    ASSIGNED_POD,
    NODE,
    /** Anything. */
    WILDCARD
  }

  public static final int ADD = 1;
  public static final int DELETE = 1 << 1;
  public static final int UPDATE_NODE_ALLOCATABLE = 1 << 2;
  public static final int UPDATE_NODE_LABEL = 1 << 3;
  public static final int UPDATE_NODE_TAINT = 1 << 4;
  public static final int UPDATE_NODE_CONDITION = 1 << 5;
  public static final int UPDATE_NODE_ANNOTATION = 1 << 6;
  public static final int UPDATE_POD_LABEL = 1 << 7;
  public static final int UPDATE_POD_SCALE_DOWN = 1 << 8;
  public static final int UPDATE_POD_TOLERATIONS = 1 << 9;
  public static final int UPDATE_POD_SCHEDULING_GATES_ELIMINATED = 1 << 10;

  /** Any other update. */
  public static final int UPDATE_OTHER = 1 << 11;

  public static final int UPDATE =
      UPDATE_NODE_ALLOCATABLE
          | UPDATE_NODE_LABEL
          | UPDATE_NODE_TAINT
          | UPDATE_NODE_CONDITION
          | UPDATE_NODE_ANNOTATION
          | UPDATE_POD_LABEL
          | UPDATE_POD_SCALE_DOWN
          | UPDATE_POD_TOLERATIONS
          | UPDATE_POD_SCHEDULING_GATES_ELIMINATED
          | UPDATE_OTHER;

  public static final int ALL = ADD | DELETE | UPDATE;

  /** Every event of every resource: registered by plugins that do not say what they care about. */
  public static final ClusterEvent WILDCARD_EVENT = new ClusterEvent(Resource.WILDCARD, ALL);

  /** Whether this registered interest covers the {@code happened} event. */
  public boolean matches(ClusterEvent happened) {
    return (resource == Resource.WILDCARD || resource == happened.resource)
        && (actions & happened.actions) != 0;
  }
}

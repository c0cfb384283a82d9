package io.karavel.scheduler.spi;

import java.util.Set;

/**
 * What a PreFilter plugin returns.
 *
 * @param status the outcome (see {@link PreFilterPlugin#preFilter})
 * @param nodeNames if not null, only these nodes can fit the pod (the framework intersects the sets
 *     of all plugins and filters only those)
 */
public record PreFilterResult(Status status, Set<String> nodeNames) {

  private static final PreFilterResult SUCCESS = new PreFilterResult(Status.success(), null);

  public PreFilterResult {
    nodeNames = nodeNames == null ? null : Set.copyOf(nodeNames);
  }

  /** Success, every node remains a candidate. */
  public static PreFilterResult success() {
    return SUCCESS;
  }

  /** A status without a node restriction. */
  public static PreFilterResult of(Status status) {
    return status.isSuccess() ? SUCCESS : new PreFilterResult(status, null);
  }

  /** Success, only {@code nodeNames} remain candidates. */
  public static PreFilterResult nodes(Set<String> nodeNames) {
    return new PreFilterResult(Status.success(), nodeNames);
  }
}

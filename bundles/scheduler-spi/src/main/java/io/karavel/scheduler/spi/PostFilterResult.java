package io.karavel.scheduler.spi;

/**
 * What a PostFilter plugin returns.
 *
 * @param status success if the plugin made the pod schedulable (e.g. by preemption), any other code
 *     otherwise
 * @param nominatedNodeName the node the pod should go to once victims are gone, or null
 */
public record PostFilterResult(Status status, String nominatedNodeName) {

  /** A result without nomination. */
  public static PostFilterResult of(Status status) {
    return new PostFilterResult(status, null);
  }
}

package io.karavel.scheduler.preemption.internal;

import io.karavel.scheduler.spi.PodInfo;
import java.util.List;

/**
 * A node where preemption makes the pod fit, with the pods to evict there.
 *
 * @param node the node's name
 * @param victims the pods to delete, most important (highest priority, earliest start) first
 * @param pdbViolations how many of the victims violate a PodDisruptionBudget
 */
record Candidate(String node, List<PodInfo> victims, int pdbViolations) {
  Candidate {
    victims = List.copyOf(victims);
  }
}

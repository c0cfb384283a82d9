package io.karavel.scheduler.preemption.internal;

import java.util.Map;

/**
 * DefaultPreemption's arguments, as upstream's DefaultPreemptionArgs: how many candidate nodes a
 * dry run looks for before it stops, as a share of the nodes and as an absolute floor.
 *
 * @param minCandidateNodesPercentage 0..100, default 10
 * @param minCandidateNodesAbsolute at least 0, default 100; not both 0
 */
record PreemptionArgs(int minCandidateNodesPercentage, int minCandidateNodesAbsolute) {
  static final PreemptionArgs DEFAULTS = new PreemptionArgs(10, 100);

  PreemptionArgs {
    if (minCandidateNodesPercentage < 0 || minCandidateNodesPercentage > 100) {
      throw new IllegalArgumentException(
          "minCandidateNodesPercentage: Invalid value: "
              + minCandidateNodesPercentage
              + ": not in valid range [0, 100]");
    }
    if (minCandidateNodesAbsolute < 0) {
      throw new IllegalArgumentException(
          "minCandidateNodesAbsolute: Invalid value: "
              + minCandidateNodesAbsolute
              + ": not in valid range [0, inf)");
    }
    if (minCandidateNodesPercentage == 0 && minCandidateNodesAbsolute == 0) {
      throw new IllegalArgumentException(
          "minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be zero");
    }
  }

  /** From profile arguments ({@code args.DefaultPreemption.<key>}); unknown keys are refused. */
  static PreemptionArgs parse(Map<String, String> args) {
    int pct = DEFAULTS.minCandidateNodesPercentage;
    int abs = DEFAULTS.minCandidateNodesAbsolute;
    for (Map.Entry<String, String> e : args.entrySet()) {
      int v;
      try {
        v = Integer.parseInt(e.getValue().trim());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(e.getKey() + ": not an integer: " + e.getValue());
      }
      switch (e.getKey()) {
        case "minCandidateNodesPercentage" -> pct = v;
        case "minCandidateNodesAbsolute" -> abs = v;
        default -> throw new IllegalArgumentException("unknown argument " + e.getKey());
      }
    }
    return new PreemptionArgs(pct, abs);
  }

  /**
   * How many candidates a dry run looks for among {@code numNodes} potential nodes: the percentage,
   * raised to the absolute floor, capped at the number of nodes.
   */
  int numCandidates(int numNodes) {
    int n = (int) ((long) numNodes * minCandidateNodesPercentage / 100);
    if (n < minCandidateNodesAbsolute) {
      n = minCandidateNodesAbsolute;
    }
    return Math.min(n, numNodes);
  }
}

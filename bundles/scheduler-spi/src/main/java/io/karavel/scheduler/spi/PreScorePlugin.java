package io.karavel.scheduler.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Runs once per cycle before scoring, over the nodes that passed filtering. */
@ConsumerType
public interface PreScorePlugin extends Plugin {

  /**
   * Precomputes what Score needs and writes it to {@code state}.
   *
   * @param nodes the feasible nodes that will be scored
   * @return success; skip to have this plugin's Score skipped for this pod; error aborts the cycle
   */
  Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes);
}

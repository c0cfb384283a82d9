package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Normalization of a Score plugin's raw scores. */
@ConsumerType
public interface ScoreExtensions {

  /**
   * Rewrites {@code scores} into {@code [MIN_NODE_SCORE, MAX_NODE_SCORE]}. Called once per cycle
   * after all nodes were scored by the plugin.
   *
   * @return success, or error to abort the cycle
   */
  Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores);
}

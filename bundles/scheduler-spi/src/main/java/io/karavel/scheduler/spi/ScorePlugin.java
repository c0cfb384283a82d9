package io.karavel.scheduler.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Ranks the nodes that passed filtering. */
@ConsumerType
public interface ScorePlugin extends Plugin {

  /** The highest score a plugin may give after normalization. */
  long MAX_NODE_SCORE = 100;

  /** The lowest score. */
  long MIN_NODE_SCORE = 0;

  /**
   * Scores {@code node} for {@code pod}. Called concurrently for many nodes; must not write {@code
   * state}. Without {@link #scoreExtensions()} the result must lie in [{@value #MIN_NODE_SCORE},
   * {@value #MAX_NODE_SCORE}]; the framework multiplies it by the plugin's weight in the profile.
   *
   * @throws PluginException to report an error status (aborts the cycle)
   */
  long score(CycleState state, PodInfo pod, NodeInfo node);

  /** NormalizeScore, or null if the raw scores are final. */
  default ScoreExtensions scoreExtensions() {
    return null;
  }
}

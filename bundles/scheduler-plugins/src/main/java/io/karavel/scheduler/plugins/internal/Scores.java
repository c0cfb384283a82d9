package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.ScorePlugin;

/** Upstream's {@code DefaultNormalizeScore}. */
final class Scores {
  private Scores() {}

  /**
   * Scales scores to [0, {@value ScorePlugin#MAX_NODE_SCORE}] by the largest one; {@code reverse}
   * turns the scale around (the highest raw score gets 0). All zero: 0 each, or the maximum each
   * when reversed.
   */
  static void defaultNormalize(NodeScores scores, boolean reverse) {
    long max = scores.max();
    for (int i = 0; i < scores.size(); i++) {
      long s;
      if (max == 0) {
        s = reverse ? ScorePlugin.MAX_NODE_SCORE : 0;
      } else {
        s = ScorePlugin.MAX_NODE_SCORE * scores.score(i) / max;
        if (reverse) {
          s = ScorePlugin.MAX_NODE_SCORE - s;
        }
      }
      scores.set(i, s);
    }
  }
}

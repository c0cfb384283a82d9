package io.karavel.scheduler.spi;

/**
 * The scores one Score plugin gave the feasible nodes of a cycle, which its {@link
 * ScoreExtensions#normalizeScore} may rewrite in place. Not thread-safe; owned by the cycle.
 */
public final class NodeScores {
  private final NodeInfo[] nodes;
  private final long[] scores;

  public NodeScores(NodeInfo[] nodes, long[] scores) {
    if (nodes.length != scores.length) {
      throw new IllegalArgumentException("nodes and scores differ in length");
    }
    this.nodes = nodes;
    this.scores = scores;
  }

  public int size() {
    return nodes.length;
  }

  public NodeInfo node(int i) {
    return nodes[i];
  }

  public long score(int i) {
    return scores[i];
  }

  public void set(int i, long score) {
    scores[i] = score;
  }

  /** The largest score, 0 if empty. */
  public long max() {
    long m = 0;
    for (long s : scores) {
      m = Math.max(m, s);
    }
    return m;
  }
}

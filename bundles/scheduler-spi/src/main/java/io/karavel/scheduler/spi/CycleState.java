package io.karavel.scheduler.spi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-cycle state: the data plugins compute for one pod in one scheduling cycle (typically in
 * PreFilter/PreScore) and read back later (Filter/Score/Reserve...). Reads are safe from parallel
 * Filter/Score calls; writes should happen in the single-threaded points (PreFilter, PreScore,
 * Reserve, Permit, PreBind). Keys are by convention prefixed with the plugin's name.
 */
public final class CycleState {
  private final Map<String, StateData> data;
  private final NodeSnapshot snapshot;
  private final Set<String> skipFilter = ConcurrentHashMap.newKeySet();
  private final Set<String> skipScore = ConcurrentHashMap.newKeySet();
  private final FrameworkHandle framework;

  /** A fresh state for a cycle over {@code snapshot}, without a framework handle. */
  public CycleState(NodeSnapshot snapshot) {
    this(snapshot, null, new ConcurrentHashMap<>());
  }

  /**
   * A fresh state for a cycle over {@code snapshot} run by {@code framework}.
   *
   * @since 1.1
   */
  public CycleState(NodeSnapshot snapshot, FrameworkHandle framework) {
    this(snapshot, framework, new ConcurrentHashMap<>());
  }

  private CycleState(
      NodeSnapshot snapshot, FrameworkHandle framework, Map<String, StateData> data) {
    this.snapshot = snapshot;
    this.framework = framework;
    this.data = data;
  }

  /**
   * The framework running this cycle, or null when the state was made without one (tests, tools).
   *
   * @since 1.1
   */
  public FrameworkHandle framework() {
    return framework;
  }

  /** The snapshot of the cluster the cycle runs against (read only, consistent for the cycle). */
  public NodeSnapshot snapshot() {
    return snapshot;
  }

  /** The value stored under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public <T extends StateData> T read(String key) {
    return (T) data.get(key);
  }

  /** Stores {@code value} under {@code key}, replacing any value. */
  public void write(String key, StateData value) {
    data.put(key, value);
  }

  /** Removes the value under {@code key}. */
  public void delete(String key) {
    data.remove(key);
  }

  /**
   * A deep copy: every value copied with {@link StateData#copy()}, the same snapshot and framework.
   */
  public CycleState copy() {
    Map<String, StateData> copied = new ConcurrentHashMap<>();
    data.forEach((k, v) -> copied.put(k, v.copy()));
    CycleState c = new CycleState(snapshot, framework, copied);
    c.skipFilter.addAll(skipFilter);
    c.skipScore.addAll(skipScore);
    return c;
  }

  /** Plugins whose Filter is skipped this cycle (their PreFilter returned Skip). */
  public Set<String> skipFilterPlugins() {
    return skipFilter;
  }

  /** Plugins whose Score is skipped this cycle (their PreScore returned Skip). */
  public Set<String> skipScorePlugins() {
    return skipScore;
  }
}

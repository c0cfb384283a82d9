package io.karavel.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls and time spent per plugin and extension point, for the shell and the benchmark. */
final class PluginMetrics {
  /** Counters of one plugin at one extension point. */
  record Counter(LongAdder calls, LongAdder nanos) {
    void add(long elapsed) {
      calls.increment();
      nanos.add(elapsed);
    }

    /** {@code n} calls that took {@code elapsed} nanoseconds together. */
    void add(long n, long elapsed) {
      calls.add(n);
      nanos.add(elapsed);
    }
  }

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  Counter counter(String point, String plugin) {
    return counters.computeIfAbsent(
        point + "/" + plugin, k -> new Counter(new LongAdder(), new LongAdder()));
  }

  /** {@code point/plugin} → {calls, total nanos}, sorted. */
  Map<String, long[]> snapshot() {
    Map<String, long[]> m = new TreeMap<>();
    counters.forEach((k, c) -> m.put(k, new long[] {c.calls().sum(), c.nanos().sum()}));
    return m;
  }
}

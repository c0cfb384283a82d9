package io.karavel.bench;

import java.util.Arrays;

/** Latency samples of one phase, and the throughput over its wall time. */
final class Stats {
  private final String name;
  private final long[] nanos;
  private final long wallNanos;

  Stats(String name, long[] nanos, long wallNanos) {
    this.name = name;
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
    this.wallNanos = wallNanos;
  }

  String name() {
    return name;
  }

  double throughput() {
    return nanos.length / (wallNanos / 1e9);
  }

  double percentileMillis(double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
    return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
  }

  double meanMillis() {
    return Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6;
  }

  int count() {
    return nanos.length;
  }

  String row() {
    return String.format(
        "%-14s %8d %12.1f %10.2f %10.2f %10.2f %10.2f",
        name,
        count(),
        throughput(),
        meanMillis(),
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99));
  }

  static String header() {
    return String.format(
        "%-14s %8s %12s %10s %10s %10s %10s",
        "operation", "count", "ops/s", "mean ms", "p50 ms", "p90 ms", "p99 ms");
  }
}

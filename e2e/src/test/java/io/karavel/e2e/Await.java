package io.karavel.e2e;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls a value until it satisfies a condition, failing with the last value and the server log. */
final class Await {
  /** A value read from the cluster (kubectl output, a field). */
  @FunctionalInterface
  interface Probe {
    String get() throws Exception;
  }

  private Await() {}

  static String until(
      KaravelCluster cluster, String what, Duration timeout, Probe probe, Predicate<String> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        what + " not reached in " + timeout + "; last: " + last + "\n" + cluster.tail());
  }
}

package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void inFlightGaugesFollowTakenAndReturnedSlotsByKind() {
    Metrics metrics = new Metrics();
    metrics.inFlight(true, 1);
    metrics.inFlight(true, 1);
    metrics.inFlight(false, 1);
    assertThat(metrics.render())
        .contains("apiserver_current_inflight_requests{request_kind=\"mutating\"} 2\n")
        .contains("apiserver_current_inflight_requests{request_kind=\"readOnly\"} 1\n");
    metrics.inFlight(true, -1);
    metrics.inFlight(false, -1);
    metrics.rejectedInFlight();
    assertThat(metrics.render())
        .contains("apiserver_current_inflight_requests{request_kind=\"mutating\"} 1\n")
        .contains("apiserver_current_inflight_requests{request_kind=\"readOnly\"} 0\n")
        .contains("apiserver_dropped_requests_total 1\n");
  }

  @Test
  void processCpuAndJitCompilationTimeAreCountersThatGrow() {
    Metrics metrics = new Metrics();
    double cpu = sample(metrics.render(), "process_cpu_seconds_total");
    double jit = sample(metrics.render(), "jvm_compilation_time_seconds_total");
    long x = 0;
    for (int i = 0; i < 50_000_000; i++) {
      x += Integer.toString(i).hashCode();
    }
    assertThat(x).isNotZero();
    String after = metrics.render();
    assertThat(after)
        .contains("# TYPE process_cpu_seconds_total counter\n")
        .contains("# TYPE jvm_compilation_time_seconds_total counter\n");
    assertThat(sample(after, "process_cpu_seconds_total")).isGreaterThan(cpu);
    assertThat(sample(after, "jvm_compilation_time_seconds_total"))
        .isGreaterThan(0)
        .isGreaterThanOrEqualTo(jit);
  }

  private static double sample(String text, String name) {
    return text.lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow();
  }
}

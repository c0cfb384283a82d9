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
}

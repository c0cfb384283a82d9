package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeadersCommandTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void heldExpiredAndFreeLeases() throws Exception {
    JsonNode items =
        new ObjectMapper()
            .readTree(
                """
                [
                 {"metadata":{"name":"kube-scheduler"},
                  "spec":{"holderIdentity":"cp-a_1","renewTime":"2026-12-06T09:59:58.123456Z",
                          "leaseDurationSeconds":15}},
                 {"metadata":{"name":"kube-controller-manager"},
                  "spec":{"holderIdentity":"cp-b_2","renewTime":"2026-12-06T09:59:00.000000Z",
                          "leaseDurationSeconds":15}},
                 {"metadata":{"name":"released"},"spec":{"leaseDurationSeconds":15}}
                ]
                """);
    assertThat(LeadersCommand.rows(items, NOW))
        .containsExactly(
            new LeadersCommand.Row(
                "kube-controller-manager", "cp-b_2", "60s ago", "15s", "expired"),
            new LeadersCommand.Row("kube-scheduler", "cp-a_1", "1s ago", "15s", "held"),
            new LeadersCommand.Row("released", "<none>", "<never>", "15s", "free"));
  }
}

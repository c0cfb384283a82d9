package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic describer compared with kubectl describe of the same object and events. */
class DescriberTest {
  private static final Instant CAPTURED = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void describesLikeKubectl() {
    JsonNode widget = Fixtures.json("widget.json");
    List<JsonNode> events = new ArrayList<>();
    Fixtures.json("widget-events.json").path("items").forEach(events::add);
    String printed = Fixtures.printed(out -> new Describer(CAPTURED).describe(widget, events, out));
    assertThat(printed).isEqualTo(Fixtures.text("describe-widget.txt"));
  }

  @Test
  void noEventsAndNoLabels() {
    JsonNode object =
        Json.parse(
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\","
                + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\"}},"
                + "\"status\":{\"phase\":\"Active\"}}");
    String printed =
        Fixtures.printed(out -> new Describer(CAPTURED).describe(object, List.of(), out));
    assertThat(printed)
        .isEqualTo(
            "Name:         shop\n"
                + "Namespace:    \n"
                + "Labels:       <none>\n"
                + "Annotations:  <none>\n"
                + "API Version:  v1\n"
                + "Kind:         Namespace\n"
                + "Metadata:\n"
                + "Status:\n"
                + "  Phase:  Active\n"
                + "Events:   <none>\n");
  }

  @Test
  void smartLabels() {
    assertThat(Describer.label("creationTimestamp")).isEqualTo("Creation Timestamp");
    assertThat(Describer.label("podIP")).isEqualTo("Pod IP");
    assertThat(Describer.label("apiVersion")).isEqualTo("API Version");
    assertThat(Describer.label("uid")).isEqualTo("UID");
    assertThat(Describer.label("HTTPServer")).isEqualTo("HTTP Server");
    assertThat(Describer.label("app.kubernetes.io/name")).isEqualTo("app.kubernetes.io/name");
    assertThat(Describer.label("v1")).isEqualTo("v1");
  }

  @Test
  void humanDurations() {
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(HumanDuration.format(java.time.Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(HumanDuration.format(java.time.Duration.ofMinutes(185))).isEqualTo("3h5m");
    assertThat(HumanDuration.format(java.time.Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanDuration.format(java.time.Duration.ofHours(53))).isEqualTo("2d5h");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(30))).isEqualTo("30d");
    assertThat(HumanDuration.format(java.time.Duration.ofDays(800))).isEqualTo("2y70d");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(-1))).isEqualTo("0s");
    assertThat(HumanDuration.format(java.time.Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }
}

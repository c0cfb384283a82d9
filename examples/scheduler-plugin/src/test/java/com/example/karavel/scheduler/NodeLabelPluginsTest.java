package com.example.karavel.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeLabelPluginsTest {
  private static NodeInfo node(Map<String, String> labels) {
    return NodeInfo.of(
        new NodeBuilder().withNewMetadata().withName("n").withLabels(labels).endMetadata().build());
  }

  private static final PodInfo POD =
      PodInfo.of(
          new PodBuilder()
              .withNewMetadata()
              .withName("p")
              .withNamespace("d")
              .withUid("u")
              .endMetadata()
              .withNewSpec()
              .endSpec()
              .build());
  private static final CycleState STATE = new CycleState(NodeSnapshot.of(List.of()));

  @Test
  void preferenceScoresLabelledNodes() {
    var p =
        (NodeLabelPreference)
            new NodeLabelPreference().withArgs(Map.of("key", "tier", "value", "gold"));
    assertThat(p.score(STATE, POD, node(Map.of("tier", "gold")))).isEqualTo(100);
    assertThat(p.score(STATE, POD, node(Map.of("tier", "silver")))).isZero();
    assertThat(
            new NodeLabelPreference()
                .score(STATE, POD, node(Map.of("example.com/preferred", "true"))))
        .isEqualTo(100);
  }

  @Test
  void requiredLabelFilters() {
    var f = new NodeLabelRequired();
    assertThat(f.filter(STATE, POD, node(Map.of("example.com/certified", ""))).isSuccess())
        .isTrue();
    assertThat(f.filter(STATE, POD, node(Map.of())).reasons())
        .containsExactly("node(s) didn't have label example.com/certified");
  }
}

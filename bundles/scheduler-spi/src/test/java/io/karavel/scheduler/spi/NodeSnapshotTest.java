package io.karavel.scheduler.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSnapshotTest {
  private static NodeInfo node(String name, String image) {
    return NodeInfo.of(
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .withImages(new ContainerImage(List.of(image), 100L))
            .endStatus()
            .build());
  }

  @Test
  void lookupsAffinityViewsAndImageCounts() {
    PodInfo anti =
        PodInfo.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("d")
                .withUid("u")
                .endMetadata()
                .withNewSpec()
                .withNewAffinity()
                .withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(
                    new PodAffinityTermBuilder().withTopologyKey("zone").build())
                .endPodAntiAffinity()
                .endAffinity()
                .endSpec()
                .build());
    NodeInfo a = node("a", "nginx:latest").withPod(anti, 1);
    NodeInfo b = node("b", "nginx:latest");
    NodeInfo c = node("c", "redis:latest");
    NodeSnapshot s = NodeSnapshot.of(List.of(a, b, c));
    assertThat(s.get("b")).isSameAs(b);
    assertThat(s.get("zz")).isNull();
    assertThat(s.havePodsWithAffinity()).containsExactly(a);
    assertThat(s.havePodsWithRequiredAntiAffinity()).containsExactly(a);
    assertThat(s.imageNumNodes("nginx:latest")).isEqualTo(2);
    assertThat(s.imageNumNodes("redis:latest")).isEqualTo(1);
    assertThat(a.requested().pods()).isEqualTo(1);
  }
}

package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.node;
import static io.karavel.scheduler.plugins.internal.Fixtures.nodeInfo;
import static io.karavel.scheduler.plugins.internal.Fixtures.pod;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.scores;
import static io.karavel.scheduler.plugins.internal.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeResourcesFitTest {
  private final NodeResourcesFit fit = new NodeResourcesFit();

  /** Node 10 cpu / 20 memory (bytes) / 32 pods, with a pod of 5 cpu and 19 memory on it. */
  private static NodeInfo usedNode() {
    return nodeInfo(
        node("n", "cpu", "10", "memory", "20", "pods", "32", "example.com/aaa", "5"),
        podBuilder("cpu", "5", "memory", "19", "example.com/aaa", "3").build());
  }

  static Stream<Arguments> filterCases() {
    return Stream.of(
        Arguments.of("no requests fit", pod(), List.of()),
        Arguments.of("fits", pod("cpu", "5", "memory", "1"), List.of()),
        Arguments.of("too much cpu", pod("cpu", "6", "memory", "1"), List.of("Insufficient cpu")),
        Arguments.of(
            "too much memory", pod("cpu", "1", "memory", "2"), List.of("Insufficient memory")),
        Arguments.of(
            "both",
            pod("cpu", "8", "memory", "2"),
            List.of("Insufficient cpu", "Insufficient memory")),
        Arguments.of(
            "extended resource in integer units",
            pod("example.com/aaa", "3"),
            List.of("Insufficient example.com/aaa")),
        Arguments.of("extended resource fits", pod("example.com/aaa", "2"), List.of()),
        Arguments.of(
            "extended resource the node lacks",
            pod("nvidia.com/gpu", "1"),
            List.of("Insufficient nvidia.com/gpu")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, PodInfo pod, List<String> reasons) {
    Status s = fit.filter(state(), pod, usedNode());
    if (reasons.isEmpty()) {
      assertThat(s.isSuccess()).as(s.toString()).isTrue();
    } else {
      assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(s.reasons()).containsExactlyElementsOf(reasons);
    }
  }

  @Test
  void tooManyPods() {
    NodeInfo full =
        nodeInfo(node("n", "cpu", "10", "memory", "20", "pods", "1"), podBuilder().build());
    assertThat(fit.filter(state(), pod(), full).reasons()).containsExactly("Too many pods");
  }

  @Test
  void ignoredResourcesAreNotChecked() {
    NodeResourcesFit ignoring =
        (NodeResourcesFit) fit.withArgs(Map.of("ignoredResourceGroups", "nvidia.com"));
    assertThat(ignoring.filter(state(), pod("nvidia.com/gpu", "1"), usedNode()).isSuccess())
        .isTrue();
  }

  // Upstream's "differently sized machines": pod 3000m / 5000 bytes on nodes 4000m/10000 and
  // 6000m/10000.
  private static final NodeInfo SMALL = nodeInfo(node("a", "cpu", "4", "memory", "10000"));
  private static final NodeInfo LARGE = nodeInfo(node("b", "cpu", "6", "memory", "10000"));

  @Test
  void leastAllocated() {
    // a: cpu (4000-3000)*100/4000 = 25, memory 50 → 37; b: cpu 50, memory 50 → 50
    assertThat(scores(fit, pod("cpu", "3", "memory", "5000"), SMALL, LARGE))
        .containsExactly(37, 50);
  }

  @Test
  void mostAllocated() {
    var most = (NodeResourcesFit) fit.withArgs(Map.of("scoringStrategy", "MostAllocated"));
    // a: cpu 75, memory 50 → 62; b: 50, 50 → 50
    assertThat(scores(most, pod("cpu", "3", "memory", "5000"), SMALL, LARGE))
        .containsExactly(62, 50);
  }

  @Test
  void requestedToCapacityRatio() {
    var ratio =
        (NodeResourcesFit)
            fit.withArgs(
                Map.of("scoringStrategy", "RequestedToCapacityRatio", "shape", "0=0,100=10"));
    // shape rising with utilization: a: cpu 75, memory 50 → 62.5 → 63 (rounded); b: 50, 50
    assertThat(scores(ratio, pod("cpu", "3", "memory", "5000"), SMALL, LARGE))
        .containsExactly(63, 50);
  }

  @Test
  void weightedResources() {
    var weighted = (NodeResourcesFit) fit.withArgs(Map.of("resources", "cpu=3,memory=1"));
    // a: (25*3 + 50) / 4 = 31
    assertThat(scores(weighted, pod("cpu", "3", "memory", "5000"), SMALL)).containsExactly(31);
  }

  @Test
  void scoringCountsDefaultRequestsForBestEffortPods() {
    // 100m and 200Mi are counted: cpu (4000-100)*100/4000 = 97, memory over capacity → 0 → 48
    assertThat(scores(fit, pod(), SMALL)).containsExactly(48);
  }

  @Test
  void invalidArgumentsAreRefused() {
    assertThatThrownBy(() -> fit.withArgs(Map.of("resources", "cpu=0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fit.withArgs(Map.of("scoringStrategy", "Random")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                fit.withArgs(
                    Map.of("scoringStrategy", "RequestedToCapacityRatio", "shape", "50=1,10=2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void balancedAllocation() {
    var balanced = new NodeResourcesBalancedAllocation();
    // a: fractions 0.75 and 0.5 → std 0.125 → 87; b: 0.5 and 0.5 → 100
    assertThat(scores(balanced, pod("cpu", "3", "memory", "5000"), SMALL, LARGE))
        .containsExactly(87, 100);
    assertThat(balanced.preScore(state(SMALL), pod(), List.of(SMALL)).isSkip())
        .as("best-effort pods are skipped")
        .isTrue();
  }
}

package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.nodeBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.nodeInfo;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.scores;
import static io.karavel.scheduler.plugins.internal.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {
  private final TaintToleration plugin = new TaintToleration();

  static NodeInfo tainted(String name, Taint... taints) {
    return nodeInfo(nodeBuilder(name, "cpu", "1").editSpec().withTaints(taints).endSpec().build());
  }

  static PodInfo tolerating(Toleration... tolerations) {
    return PodInfo.of(podBuilder().editSpec().withTolerations(tolerations).endSpec().build());
  }

  static Taint taint(String key, String value, String effect) {
    return new Taint(effect, key, null, value);
  }

  static Toleration toleration(String key, String op, String value, String effect) {
    return new Toleration(effect, key, op, null, value);
  }

  static Stream<Arguments> filterCases() {
    Taint dedicated = taint("dedicated", "user1", "NoSchedule");
    return Stream.of(
        Arguments.of("no tolerations, no taints", tainted("n"), tolerating(), null),
        Arguments.of(
            "untolerated NoSchedule",
            tainted("n", dedicated),
            tolerating(),
            "node(s) had untolerated taint {dedicated: user1}"),
        Arguments.of(
            "Equal with the same value tolerates",
            tainted("n", dedicated),
            tolerating(toleration("dedicated", "Equal", "user1", "NoSchedule")),
            null),
        Arguments.of(
            "Equal with another value does not",
            tainted("n", dedicated),
            tolerating(toleration("dedicated", "Equal", "user2", "NoSchedule")),
            "node(s) had untolerated taint {dedicated: user1}"),
        Arguments.of(
            "Exists without key tolerates everything",
            tainted("n", dedicated, taint("x", "", "NoExecute")),
            tolerating(toleration(null, "Exists", null, null)),
            null),
        Arguments.of(
            "empty effect matches every effect",
            tainted("n", dedicated),
            tolerating(toleration("dedicated", "Equal", "user1", "")),
            null),
        Arguments.of(
            "another effect does not tolerate",
            tainted("n", dedicated),
            tolerating(toleration("dedicated", "Equal", "user1", "NoExecute")),
            "node(s) had untolerated taint {dedicated: user1}"),
        Arguments.of(
            "PreferNoSchedule does not filter",
            tainted("n", taint("soft", "", "PreferNoSchedule")),
            tolerating(),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, NodeInfo node, PodInfo pod, String reason) {
    Status s = plugin.filter(state(), pod, node);
    if (reason == null) {
      assertThat(s.isSuccess()).as(s.toString()).isTrue();
    } else {
      assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
      assertThat(s.reasons()).containsExactly(reason);
    }
  }

  @Test
  void scorePrefersFewerUntoleratedPreferNoScheduleTaints() {
    NodeInfo clean = tainted("a");
    NodeInfo one = tainted("b", taint("foo", "bar", "PreferNoSchedule"));
    NodeInfo two =
        tainted("c", taint("foo", "bar", "PreferNoSchedule"), taint("x", "y", "PreferNoSchedule"));
    assertThat(scores(plugin, tolerating(), clean, one, two)).containsExactly(100, 50, 0);
    PodInfo tolerant = tolerating(toleration("foo", "Equal", "bar", "PreferNoSchedule"));
    assertThat(scores(plugin, tolerant, clean, one, two)).containsExactly(100, 100, 0);
    // NoSchedule tolerations do not count for PreferNoSchedule taints
    PodInfo wrongEffect = tolerating(toleration("foo", "Equal", "bar", "NoSchedule"));
    assertThat(scores(plugin, wrongEffect, clean, one)).containsExactly(100, 0);
    assertThat(scores(plugin, tolerating(), clean)).containsExactly(100);
  }

  @Test
  void unschedulableNodes() {
    NodeUnschedulable unsched = new NodeUnschedulable();
    NodeInfo cordoned =
        nodeInfo(nodeBuilder("n", "cpu", "1").editSpec().withUnschedulable(true).endSpec().build());
    assertThat(unsched.filter(state(), tolerating(), cordoned).reasons())
        .containsExactly("node(s) were unschedulable");
    assertThat(
            unsched
                .filter(
                    state(),
                    tolerating(
                        toleration(
                            "node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")),
                    cordoned)
                .isSuccess())
        .isTrue();
    assertThat(unsched.filter(state(), tolerating(), tainted("m")).isSuccess()).isTrue();
    assertThat(List.of(cordoned)).hasSize(1);
  }
}

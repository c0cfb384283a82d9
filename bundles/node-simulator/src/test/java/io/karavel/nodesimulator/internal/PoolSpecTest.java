package io.karavel.nodesimulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSpecTest {

  @Test
  void taintsParseAsKubectlTaintWritesThem() {
    assertThat(PoolSpec.parseTaints("dedicated=gpu:NoSchedule, spot:PreferNoSchedule"))
        .containsExactly(
            new Taint("NoSchedule", "dedicated", null, "gpu"),
            new Taint("PreferNoSchedule", "spot", null, null));
    assertThat(PoolSpec.parseTaints("")).isEmpty();
    assertThatThrownBy(() -> PoolSpec.parseTaints("a=b:Sometimes"))
        .hasMessageContaining("effect must be one of");
    assertThatThrownBy(() -> PoolSpec.parseTaints("a=b"))
        .hasMessageContaining("key[=value]:Effect");
  }

  @Test
  void labelsAndCapacity() {
    assertThat(PoolSpec.parseMap("tier=web, team = a", "label"))
        .containsExactly(Map.entry("tier", "web"), Map.entry("team", "a"));
    assertThatThrownBy(() -> PoolSpec.parseMap("tier", "label"))
        .hasMessage("label tier is not key=value");
    assertThat(PoolSpec.capacity("8", "64Gi", 50, "nvidia.com/gpu=2"))
        .containsEntry("cpu", "8")
        .containsEntry("memory", "64Gi")
        .containsEntry("pods", "50")
        .containsEntry("nvidia.com/gpu", "2");
  }

  @Test
  void namesAndZones() {
    PoolSpec s =
        new PoolSpec(
            PoolSpec.defaultName("sim-"),
            "sim-",
            5,
            PoolSpec.capacity("4", "32Gi", 110, ""),
            Map.of(),
            List.of(),
            List.of("z1", "z2"));
    assertThat(s.name()).isEqualTo("sim");
    assertThat(s.nodeName(3)).isEqualTo("sim-3");
    assertThat(List.of(s.zone(0), s.zone(1), s.zone(2), s.zone(3)))
        .containsExactly("z1", "z2", "z1", "z2");
  }

  @Test
  void invalidPoolsAreRefused() {
    Map<String, String> cap = PoolSpec.capacity("4", "32Gi", 110, "");
    assertThatThrownBy(() -> new PoolSpec("p", "Sim_", 1, cap, Map.of(), List.of(), List.of()))
        .hasMessageContaining("does not make valid node names");
    assertThatThrownBy(() -> new PoolSpec("p", "sim-", 0, cap, Map.of(), List.of(), List.of()))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(
            () ->
                new PoolSpec(
                    "p",
                    "sim-",
                    1,
                    PoolSpec.capacity("four", "32Gi", 110, ""),
                    Map.of(),
                    List.of(),
                    List.of()))
        .hasMessageContaining("cpu=four is not a quantity");
  }
}

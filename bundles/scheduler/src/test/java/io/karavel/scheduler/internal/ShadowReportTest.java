package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.node;
import static io.karavel.scheduler.internal.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowReportTest {
  private final Map<String, Object> plugins =
      TestPods.defaultPlugins(new TestPods.RecordingBinder());

  @Test
  void theShadowSetRunsOnTheSameSnapshotAndDifferencesAreCounted() {
    ProfileDefinition def =
        ProfileDefinition.from(
            Map.of(
                "shadowPlugins", "NodeResourcesFit",
                "shadowArgs.NodeResourcesFit.scoringStrategy", "MostAllocated"));
    assertThat(def.shadow().schedulerName()).isEqualTo("default-scheduler/shadow");
    PluginMetrics metrics = new PluginMetrics();
    Framework live = Framework.build(def, plugins::get, () -> new Parallelizer(null, 1), metrics);
    Framework shadow =
        Framework.build(def.shadow(), plugins::get, () -> new Parallelizer(null, 1), metrics);
    assertThat(shadow.notRunnableReason()).isNull();
    assertThat(shadow.pluginNames(ExtensionPoint.BIND)).isEmpty();
    NodeSnapshot snapshot =
        NodeSnapshot.of(
            List.of(
                NodeInfo.of(node("small", "2", "4Gi")), NodeInfo.of(node("large", "8", "16Gi"))));
    PodInfo p = pod("1", "1Gi");
    // live: the default profile's least-allocated scoring; shadow: most-allocated packing
    String liveNode = live.schedule(new io.karavel.scheduler.spi.CycleState(snapshot), p).node();
    assertThat(liveNode).isEqualTo("large");
    ShadowReport report = new ShadowReport("default-scheduler");
    report.compare(shadow, snapshot, p, liveNode);
    report.compare(shadow, snapshot, p, "small");
    assertThat(report.cycles.get()).isEqualTo(2);
    assertThat(report.differences.get()).isEqualTo(1);
    assertThat(report.latest())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.liveNode()).isEqualTo("large");
              assertThat(d.shadowNode()).isEqualTo("small");
            });
    // a profile without shadowPlugins has no shadow
    assertThat(ProfileDefinition.from(Map.of()).shadow()).isNull();
  }
}

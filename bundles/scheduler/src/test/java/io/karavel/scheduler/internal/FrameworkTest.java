package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.node;
import static io.karavel.scheduler.internal.TestPods.pod;
import static io.karavel.scheduler.internal.TestPods.podBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameworkTest {
  private final TestPods.RecordingBinder binder = new TestPods.RecordingBinder();
  private final Map<String, Object> plugins = TestPods.defaultPlugins(binder);
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Framework framework(Map<String, Object> props) {
    return Framework.build(
        ProfileDefinition.from(props),
        plugins::get,
        () -> new Parallelizer(pool, 4),
        new PluginMetrics());
  }

  private static CycleState state(Node... nodes) {
    List<NodeInfo> infos = new ArrayList<>();
    for (Node n : nodes) {
      infos.add(NodeInfo.of(n));
    }
    return new CycleState(NodeSnapshot.of(infos));
  }

  @Test
  void insufficientCpuEverywhereGivesUpstreamsMessage() {
    Framework f = framework(Map.of());
    assertThat(f.notRunnableReason()).isNull();
    var r =
        f.schedule(
            state(node("a", "1", "1Gi"), node("b", "1", "1Gi"), node("c", "1", "1Gi")),
            pod("2", "100Mi"));
    assertThat(r.ok()).isFalse();
    assertThat(r.status().message()).isEqualTo("0/3 nodes are available: 3 Insufficient cpu.");
    assertThat(r.diagnosis().plugins()).containsExactly("NodeResourcesFit");
  }

  @Test
  void reasonsAreCountedAndSortedAsUpstream() {
    Node tainted =
        new NodeBuilder(node("a", "4", "4Gi"))
            .editSpec()
            .withTaints(new Taint("NoSchedule", "dedicated", null, "gpu"))
            .endSpec()
            .build();
    Node small1 = node("b", "1", "64Mi");
    Node small2 = node("c", "1", "4Gi");
    var r = framework(Map.of()).schedule(state(tainted, small1, small2), pod("2", "100Mi"));
    assertThat(r.status().message())
        .isEqualTo(
            "0/3 nodes are available: 1 Insufficient memory,"
                + " 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.");
    var none = framework(Map.of()).schedule(state(), pod("1", "1Mi"));
    assertThat(none.status().message()).isEqualTo("no nodes available to schedule pods");
  }

  @Test
  void picksTheLeastAllocatedNode() {
    var r =
        framework(Map.of())
            .schedule(
                state(node("a", "2", "4Gi"), node("b", "8", "16Gi"), node("c", "4", "8Gi")),
                pod("1", "1Gi"));
    assertThat(r.ok()).isTrue();
    assertThat(r.node()).isEqualTo("b");
  }

  @Test
  void mostAllocatedPacksPods() {
    var r =
        framework(Map.of("args.NodeResourcesFit.scoringStrategy", "MostAllocated"))
            .schedule(
                state(node("a", "2", "4Gi"), node("b", "8", "16Gi"), node("c", "4", "8Gi")),
                pod("1", "1Gi"));
    assertThat(r.node()).isEqualTo("a");
  }

  @Test
  void adaptivePercentageOfNodesToScoreMatchesUpstream() {
    Framework f = framework(Map.of());
    assertThat(f.numFeasibleNodesToFind(50)).isEqualTo(50);
    assertThat(f.numFeasibleNodesToFind(100)).isEqualTo(100);
    assertThat(f.numFeasibleNodesToFind(1000)).isEqualTo(420);
    assertThat(f.numFeasibleNodesToFind(5000)).isEqualTo(500);
    assertThat(f.numFeasibleNodesToFind(6000)).isEqualTo(300);
    Framework fixed = framework(Map.of("percentageOfNodesToScore", "20"));
    assertThat(fixed.numFeasibleNodesToFind(1000)).isEqualTo(200);
    assertThat(fixed.numFeasibleNodesToFind(300)).isEqualTo(100);
    Framework all = framework(Map.of("percentageOfNodesToScore", "100"));
    assertThat(all.numFeasibleNodesToFind(5000)).isEqualTo(5000);
  }

  @Test
  void filteringStopsAfterEnoughFeasibleNodesAndRotatesTheStart() {
    AtomicInteger calls = new AtomicInteger();
    Map<String, Object> withCounter = new HashMap<>(plugins);
    withCounter.put(
        "Counter",
        (FilterPlugin)
            (state, pod, node) -> {
              calls.incrementAndGet();
              return Status.success();
            });
    plugins.putAll(withCounter);
    Framework f =
        framework(
            Map.of(
                "plugins", "PrioritySort,Counter,NodeResourcesFit,DefaultBinder",
                "percentageOfNodesToScore", "10"));
    Node[] nodes = new Node[1000];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = node("n" + i, "4", "8Gi");
    }
    CycleState s = state(nodes);
    var r = f.schedule(s, pod("1", "1Gi"));
    assertThat(r.ok()).isTrue();
    assertThat(r.feasibleNodes()).isEqualTo(100);
    // parallel workers may evaluate a few nodes past the target before they see it reached
    assertThat(calls.get()).isBetween(100, 100 + 4 * 16);
    var r2 = f.schedule(state(nodes), pod("1", "1Gi"));
    assertThat(r2.feasibleNodes()).isEqualTo(100);
  }

  @Test
  void missingPluginsMakeTheProfileNotRunnable() {
    Framework f = framework(Map.of("plugins", "PrioritySort,VendorFilter,DefaultBinder"));
    assertThat(f.notRunnableReason())
        .isEqualTo("profile default-scheduler cannot run: plugin(s) not installed: VendorFilter");
    Framework bad = framework(Map.of("args.NodeResourcesFit.resources", "cpu=0"));
    assertThat(bad.notRunnableReason()).contains("invalid arguments of plugin NodeResourcesFit");
    Framework noBinder = framework(Map.of("plugins", "PrioritySort,NodeResourcesFit"));
    assertThat(noBinder.notRunnableReason()).contains("at least one bind plugin");
  }

  @Test
  void extensionPointOverridesAndWeights() {
    Framework f =
        framework(
            Map.of(
                "filter", "NodeResourcesFit",
                "score", "none",
                "weights", "TaintToleration:5"));
    assertThat(f.pluginNames(ExtensionPoint.FILTER)).containsExactly("NodeResourcesFit");
    assertThat(f.pluginNames(ExtensionPoint.SCORE)).isEmpty();
    assertThat(f.pluginNames(ExtensionPoint.QUEUE_SORT)).containsExactly("PrioritySort");
    assertThat(f.pluginNames(ExtensionPoint.PRE_ENQUEUE)).containsExactly("SchedulingGates");
    assertThat(f.profile().weight("TaintToleration")).isEqualTo(5);
    assertThat(f.profile().weight("NodeAffinity")).isEqualTo(1);
    assertThat(framework(Map.of()).profile().weight("NodeAffinity")).isEqualTo(2);
  }

  @Test
  void preFilterRejectionIsReportedForEveryNode() {
    PodInfo p =
        PodInfo.of(
            podBuilder("1", "1Mi")
                .editSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .endAffinity()
                .endSpec()
                .build());
    var r = framework(Map.of()).schedule(state(node("a", "1", "1Gi"), node("b", "1", "1Gi")), p);
    assertThat(r.status().message())
        .isEqualTo("0/2 nodes are available: node(s) didn't match Pod's node affinity/selector.");
  }
}

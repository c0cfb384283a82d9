package io.karavel.scheduler.preemption.internal;

import static io.karavel.scheduler.preemption.internal.FakeFramework.node;
import static io.karavel.scheduler.preemption.internal.FakeFramework.pdb;
import static io.karavel.scheduler.preemption.internal.FakeFramework.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PostFilterResult;
import io.karavel.scheduler.spi.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostFilter as the scheduler calls it, with a recording API. */
class DefaultPreemptionTest {
  private static final String T10 = "2026-01-01T10:00:00Z";
  private final FakeFramework fw = new FakeFramework();
  private final FakeFramework.RecordingApi api = new FakeFramework.RecordingApi();

  private DefaultPreemption plugin(Map<String, String> args, int offset) {
    return new DefaultPreemption(api, () -> null, args, n -> offset);
  }

  private static Map<String, Status> unschedulable(NodeInfo... nodes) {
    Map<String, Status> m = new HashMap<>();
    for (NodeInfo n : nodes) {
      m.put(n.name(), Status.unschedulable("Insufficient cpu"));
    }
    return m;
  }

  @Test
  void evictsTheVictimsAndNominatesTheNode() {
    NodeInfo a = node("a", "2", pod("low-a", 1, "2", T10));
    NodeInfo b = node("b", "2", pod("high-b", 100, "2", T10));
    CycleState state = fw.state(a, b);
    PostFilterResult r =
        plugin(Map.of(), 0).postFilter(state, pod("p", 10, "2", null), unschedulable(a, b));
    assertThat(r.status().isSuccess()).isTrue();
    assertThat(r.nominatedNodeName()).isEqualTo("a");
    assertThat(api.preempted).containsExactly("low-a@a");
  }

  @Test
  void onlyNodesRejectedAsUnschedulableAreCandidates() {
    NodeInfo a = node("a", "2", pod("low-a", 1, "2", T10));
    NodeInfo b = node("b", "2", pod("high-b", 100, "2", T10));
    Map<String, Status> statuses = unschedulable(b);
    statuses.put("a", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
    PostFilterResult r =
        plugin(Map.of(), 0).postFilter(fw.state(a, b), pod("p", 10, "2", null), statuses);
    assertThat(r.status().code()).isEqualTo(io.karavel.scheduler.spi.Code.UNSCHEDULABLE);
    assertThat(r.status().message())
        .isEqualTo(
            "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod,"
                + " 1 Preemption is not helpful for scheduling.");
    assertThat(r.nominatedNodeName()).isNull();
    assertThat(api.preempted).isEmpty();
  }

  @Test
  void preemptionPolicyNeverDoesNotPreempt() {
    NodeInfo a = node("a", "2", pod("low-a", 1, "2", T10));
    PodInfo p =
        PodInfo.of(
            new PodBuilder(pod("p", 10, "2", null).pod())
                .editSpec()
                .withPreemptionPolicy("Never")
                .endSpec()
                .build());
    PostFilterResult r = plugin(Map.of(), 0).postFilter(fw.state(a), p, unschedulable(a));
    assertThat(r.status().isSuccess()).isFalse();
    assertThat(r.status().message())
        .isEqualTo("preemption: not eligible due to preemptionPolicy=Never.");
    assertThat(api.preempted).isEmpty();
  }

  @Test
  void waitsWhileAVictimOnTheNominatedNodeIsTerminating() {
    PodInfo terminating =
        PodInfo.of(
            new PodBuilder(pod("low-a", 1, "1", T10).pod())
                .editMetadata()
                .withDeletionTimestamp("2026-01-01T12:00:00Z")
                .endMetadata()
                .build());
    NodeInfo a = node("a", "2", terminating, pod("low-b", 1, "1", T10));
    PodInfo p =
        PodInfo.of(
            new PodBuilder(pod("p", 10, "2", null).pod())
                .editStatus()
                .withNominatedNodeName("a")
                .endStatus()
                .build());
    PostFilterResult r = plugin(Map.of(), 0).postFilter(fw.state(a), p, unschedulable(a));
    assertThat(r.status().message())
        .isEqualTo("preemption: not eligible due to a terminating pod on the nominated node.");
    assertThat(api.preempted).isEmpty();
  }

  @Test
  void aNodeWhoseVictimIsProtectedByABudgetLosesToOneWithout() {
    for (int offset = 0; offset < 2; offset++) {
      api.preempted.clear();
      api.pdbs.clear();
      api.pdbs.add(pdb("db", 0));
      NodeInfo a = node("a", "2", pod("protected", 1, "2", T10, "app", "db"));
      NodeInfo b = node("b", "2", pod("free", 5, "2", T10, "app", "web"));
      PostFilterResult r =
          plugin(Map.of(), offset)
              .postFilter(fw.state(a, b), pod("p", 10, "2", null), unschedulable(a, b));
      assertThat(r.nominatedNodeName()).as("offset " + offset).isEqualTo("b");
      assertThat(api.preempted).containsExactly("free@b");
    }
  }

  @Test
  void minCandidateNodesBoundsTheSearch() {
    // a's victim has priority 5, b's and c's priority 1: with every node evaluated b or c wins;
    // asked for a single candidate, the dry run stops at the node it started from.
    NodeInfo a = node("a", "2", pod("va", 5, "2", T10));
    NodeInfo b = node("b", "2", pod("vb", 1, "2", T10));
    NodeInfo c = node("c", "2", pod("vc", 1, "2", T10));
    PostFilterResult all =
        plugin(Map.of(), 0)
            .postFilter(fw.state(a, b, c), pod("p", 10, "2", null), unschedulable(a, b, c));
    assertThat(all.nominatedNodeName()).isEqualTo("b");
    PostFilterResult one =
        plugin(Map.of("minCandidateNodesPercentage", "0", "minCandidateNodesAbsolute", "1"), 0)
            .postFilter(fw.state(a, b, c), pod("p", 10, "2", null), unschedulable(a, b, c));
    assertThat(one.nominatedNodeName()).isEqualTo("a");
  }

  @Test
  void lowerPriorityPodsNominatedToTheNodeLoseTheirNomination() {
    NodeInfo a = node("a", "4", pod("low-a", 1, "4", T10));
    fw.nominated.put(
        "a", List.of(pod("lower-nominated", 5, "1", null), pod("higher-nominated", 50, "1", null)));
    PostFilterResult r =
        plugin(Map.of(), 0).postFilter(fw.state(a), pod("p", 10, "2", null), unschedulable(a));
    assertThat(r.nominatedNodeName()).isEqualTo("a");
    assertThat(api.cleared).containsExactly("lower-nominated");
  }

  @Test
  void withoutAFrameworkHandleItIsAnError() {
    NodeInfo a = node("a", "2", pod("low-a", 1, "2", T10));
    PostFilterResult r =
        plugin(Map.of(), 0)
            .postFilter(
                new CycleState(io.karavel.scheduler.spi.NodeSnapshot.of(List.of(a))),
                pod("p", 10, "2", null),
                unschedulable(a));
    assertThat(r.status().code()).isEqualTo(io.karavel.scheduler.spi.Code.ERROR);
  }
}

package io.karavel.scheduler.preemption.internal;

import static io.karavel.scheduler.preemption.internal.FakeFramework.node;
import static io.karavel.scheduler.preemption.internal.FakeFramework.pdb;
import static io.karavel.scheduler.preemption.internal.FakeFramework.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
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

/**
 * Victim selection on one node and the choice among candidate nodes, table-driven from upstream's
 * documented preemption behaviour (kubernetes.io "Pod Priority and Preemption" and the scheduler's
 * preemption design): only lower-priority pods are victims; all of them are removed, then reprieved
 * from the most important down (PDB-violating ones first) while the pod still fits; the node is
 * chosen by fewest PDB violations, lowest highest-victim priority, smallest (shifted) sum of
 * priorities, fewest victims, latest start of the highest-priority victims.
 */
class PreemptorTest {
  private static final String T10 = "2026-01-01T10:00:00Z";
  private static final String T11 = "2026-01-01T11:00:00Z";

  /** One row: a node, the preemptor, budgets, nominated pods; victims expected or a failure. */
  record VictimCase(
      String name,
      NodeInfo node,
      PodInfo preemptor,
      List<PodDisruptionBudget> pdbs,
      List<PodInfo> nominated,
      List<String> victims,
      int violations,
      String failure) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<VictimCase> victimCases() {
    return Stream.of(
        new VictimCase(
            "greedy reprieve from the highest priority down",
            node("n", "4", pod("l1", 1, "1", T10), pod("l2", 2, "1", T10), pod("l3", 3, "2", T10)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(),
            List.of("l2", "l1"),
            0,
            null),
        new VictimCase(
            "pods of equal or higher priority are never victims",
            node("n", "4", pod("h", 10, "2", T10), pod("e", 5, "2", T10)),
            pod("p", 5, "2", null),
            List.of(),
            List.of(),
            null,
            0,
            Preemptor.NO_VICTIMS),
        new VictimCase(
            "removing every lower-priority pod is not enough",
            node("n", "4", pod("h", 100, "3", T10), pod("l", 1, "1", T10)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(),
            null,
            0,
            "Insufficient cpu"),
        new VictimCase(
            "equal priority: the pod that started later is evicted",
            node("n", "4", pod("a", 1, "2", T10), pod("b", 1, "2", T11)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(),
            List.of("b"),
            0,
            null),
        new VictimCase(
            "PDB-protected pods are reprieved first",
            node("n", "4", pod("a", 1, "2", T10, "app", "web"), pod("b", 1, "2", T11, "app", "db")),
            pod("p", 10, "2", null),
            List.of(pdb("db", 0)),
            List.of(),
            List.of("a"),
            0,
            null),
        new VictimCase(
            "protected pods that must go count as violations",
            node("n", "4", pod("a", 1, "2", T10, "app", "db"), pod("b", 1, "2", T11, "app", "db")),
            pod("p", 10, "4", null),
            List.of(pdb("db", 0)),
            List.of(),
            List.of("a", "b"),
            2,
            null),
        new VictimCase(
            "disruptionsAllowed absorbs as many victims",
            node("n", "4", pod("a", 1, "2", T10, "app", "db"), pod("b", 1, "2", T11, "app", "db")),
            pod("p", 10, "4", null),
            List.of(pdb("db", 1)),
            List.of(),
            List.of("a", "b"),
            1,
            null),
        new VictimCase(
            "a pod already among the budget's disrupted pods does not count",
            node("n", "4", pod("a", 1, "2", T10, "app", "db"), pod("b", 1, "2", T11, "app", "db")),
            pod("p", 10, "2", null),
            List.of(pdb("db", 0, "a")),
            List.of(),
            List.of("a"),
            0,
            null),
        new VictimCase(
            "a budget in another namespace or with an empty selector protects nothing",
            node("n", "4", pod("a", 1, "2", T10, "app", "db"), pod("b", 1, "2", T11, "app", "web")),
            pod("p", 10, "2", null),
            List.of(
                new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder(
                        pdb("db", 0))
                    .editMetadata()
                    .withNamespace("other")
                    .endMetadata()
                    .build(),
                new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder(
                        pdb("web", 0))
                    .editSpec()
                    .withNewSelector()
                    .endSelector()
                    .endSpec()
                    .build()),
            List.of(),
            List.of("b"),
            0,
            null),
        new VictimCase(
            "a nominated pod of higher priority keeps its room",
            node("n", "4", pod("l", 1, "2", T10)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(pod("nom", 20, "2", null)),
            List.of("l"),
            0,
            null),
        new VictimCase(
            "a nominated pod of higher priority can make the node useless",
            node("n", "4", pod("l", 1, "1", T10), pod("h", 30, "1", T10)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(pod("nom", 20, "2", null)),
            null,
            0,
            "Insufficient cpu"),
        new VictimCase(
            "a nominated pod of lower priority is ignored",
            node("n", "4", pod("l", 1, "2", T10), pod("m", 2, "2", T10)),
            pod("p", 10, "2", null),
            List.of(),
            List.of(pod("nom", 5, "4", null)),
            List.of("l"),
            0,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("victimCases")
  void victimSelection(VictimCase c) {
    FakeFramework fw = new FakeFramework();
    fw.nominated.put("n", c.nominated());
    Object r =
        Preemptor.selectVictimsOnNode(fw.state(c.node()), c.preemptor(), c.node(), c.pdbs(), fw);
    if (c.failure() != null) {
      assertThat(r).isInstanceOf(Status.class);
      assertThat(((Status) r).message()).isEqualTo(c.failure());
      return;
    }
    assertThat(r).isInstanceOf(Candidate.class);
    Candidate cand = (Candidate) r;
    assertThat(cand.victims().stream().map(v -> v.pod().getMetadata().getName()))
        .containsExactlyElementsOf(c.victims());
    assertThat(cand.pdbViolations()).isEqualTo(c.violations());
  }

  static Candidate cand(String node, int violations, PodInfo... victims) {
    return new Candidate(node, List.of(victims), violations);
  }

  static Stream<Arguments> orderingCases() {
    return Stream.of(
        Arguments.of(
            "fewest PDB violations first, whatever the priorities",
            List.of(
                cand("a", 1, pod("v", 1, "1", T10)),
                cand("b", 0, pod("v", 100, "1", T10), pod("w", 100, "1", T10))),
            "b"),
        Arguments.of(
            "then the lowest highest-victim priority",
            List.of(
                cand("a", 0, pod("v", 5, "1", T10)),
                cand("b", 0, pod("v", 3, "1", T10), pod("w", 3, "1", T10))),
            "b"),
        Arguments.of(
            "then the smallest sum of priorities, each shifted by 2^31",
            List.of(
                cand("a", 0, pod("v", 5, "1", T10), pod("w", 4, "1", T10)),
                cand("b", 0, pod("v", 5, "1", T10), pod("w", 1, "1", T10))),
            "b"),
        Arguments.of(
            "the shift makes an extra victim weigh more than its priority",
            List.of(
                cand("a", 0, pod("v", 5, "1", T10), pod("w", -5, "1", T10), pod("x", -5, "1", T10)),
                cand("b", 0, pod("v", 5, "1", T10), pod("w", 4, "1", T10))),
            "b"),
        Arguments.of(
            "then the fewest victims (equal shifted sums)",
            List.of(
                cand("a", 0, pod("v", 5, "1", T10), pod("w", Integer.MIN_VALUE, "1", T10)),
                cand("b", 0, pod("v", 5, "1", T10))),
            "b"),
        Arguments.of(
            "then the latest start among the highest-priority victims",
            List.of(cand("a", 0, pod("v", 5, "1", T10)), cand("b", 0, pod("v", 5, "1", T11))),
            "b"),
        Arguments.of(
            "a victim that has not started counts as started now",
            List.of(cand("a", 0, pod("v", 5, "1", T11)), cand("b", 0, pod("v", 5, "1", null))),
            "b"),
        Arguments.of(
            "all equal: the first candidate",
            List.of(cand("a", 0, pod("v", 5, "1", T10)), cand("b", 0, pod("v", 5, "1", T10))),
            "a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderingCases")
  void candidateOrdering(String name, List<Candidate> candidates, String expected) {
    assertThat(Preemptor.pickOne(candidates).node()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}% / {1} of {2} nodes -> {3}")
  @org.junit.jupiter.params.provider.CsvSource({
    "10, 100, 50, 50",
    "10, 100, 5000, 500",
    "10, 100, 1200, 120",
    "10, 100, 999, 100",
    "0, 1, 300, 1",
    "50, 0, 7, 3",
    "100, 0, 7, 7"
  })
  void numberOfCandidates(int pct, int abs, int nodes, int expected) {
    assertThat(new PreemptionArgs(pct, abs).numCandidates(nodes)).isEqualTo(expected);
  }

  @Test
  void argumentsAreValidatedAsUpstream() {
    assertThat(PreemptionArgs.parse(Map.of())).isEqualTo(new PreemptionArgs(10, 100));
    assertThat(PreemptionArgs.parse(Map.of("minCandidateNodesAbsolute", "5")))
        .isEqualTo(new PreemptionArgs(10, 5));
    assertThatThrownBy(() -> PreemptionArgs.parse(Map.of("minCandidateNodesPercentage", "101")))
        .hasMessageContaining("not in valid range [0, 100]");
    assertThatThrownBy(() -> PreemptionArgs.parse(Map.of("minCandidateNodesAbsolute", "-1")))
        .hasMessageContaining("not in valid range [0, inf)");
    assertThatThrownBy(
            () ->
                PreemptionArgs.parse(
                    Map.of("minCandidateNodesPercentage", "0", "minCandidateNodesAbsolute", "0")))
        .hasMessageContaining("cannot both be zero");
    assertThatThrownBy(() -> PreemptionArgs.parse(Map.of("foo", "1")))
        .hasMessageContaining("unknown argument foo");
  }
}

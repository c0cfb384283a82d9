package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.nodeBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.nodeInfo;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.scores;
import static io.karavel.scheduler.plugins.internal.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {
  private final NodeAffinity plugin = new NodeAffinity();

  static NodeInfo labelled(String name, String... kv) {
    Map<String, String> labels = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      labels.put(kv[i], kv[i + 1]);
    }
    return nodeInfo(
        nodeBuilder(name, "cpu", "1").editMetadata().withLabels(labels).endMetadata().build());
  }

  static NodeSelectorRequirement req(String key, String op, String... values) {
    return new NodeSelectorRequirement(key, op, List.of(values));
  }

  static NodeSelectorTerm term(NodeSelectorRequirement... exprs) {
    return new NodeSelectorTermBuilder().withMatchExpressions(exprs).build();
  }

  static PodInfo requiring(NodeSelectorTerm... terms) {
    return PodInfo.of(
        podBuilder()
            .editSpec()
            .withNewAffinity()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNodeSelectorTerms(terms)
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .endAffinity()
            .endSpec()
            .build());
  }

  static PodInfo selecting(String key, String value) {
    return PodInfo.of(
        podBuilder().editSpec().withNodeSelector(Map.of(key, value)).endSpec().build());
  }

  static Stream<Arguments> cases() {
    NodeInfo foo = labelled("n1", "foo", "bar", "gpus", "4");
    return Stream.of(
        Arguments.of("nodeSelector matches", selecting("foo", "bar"), foo, true),
        Arguments.of("nodeSelector value differs", selecting("foo", "baz"), foo, false),
        Arguments.of("In", requiring(term(req("foo", "In", "bar", "x"))), foo, true),
        Arguments.of("NotIn", requiring(term(req("foo", "NotIn", "bar"))), foo, false),
        Arguments.of(
            "NotIn on a missing label", requiring(term(req("zz", "NotIn", "a"))), foo, true),
        Arguments.of("Exists", requiring(term(req("foo", "Exists"))), foo, true),
        Arguments.of("DoesNotExist", requiring(term(req("foo", "DoesNotExist"))), foo, false),
        Arguments.of("Gt", requiring(term(req("gpus", "Gt", "3"))), foo, true),
        Arguments.of("Lt", requiring(term(req("gpus", "Lt", "3"))), foo, false),
        Arguments.of("Gt on a non-number", requiring(term(req("foo", "Gt", "3"))), foo, false),
        Arguments.of(
            "requirements of a term are ANDed",
            requiring(term(req("foo", "In", "bar"), req("gpus", "In", "8"))),
            foo,
            false),
        Arguments.of(
            "terms are ORed",
            requiring(term(req("foo", "In", "nope")), term(req("gpus", "In", "4"))),
            foo,
            true),
        Arguments.of(
            "an empty term matches nothing", requiring(new NodeSelectorTerm()), foo, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(String name, PodInfo pod, NodeInfo node, boolean fits) {
    var s = plugin.filter(state(), pod, node);
    assertThat(s.isSuccess()).as(s.toString()).isEqualTo(fits);
    if (!fits) {
      assertThat(s.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
    }
  }

  @Test
  void preFilterNarrowsToNamedNodes() {
    NodeSelectorTerm byName =
        new NodeSelectorTermBuilder()
            .withMatchFields(
                new NodeSelectorRequirement("metadata.name", "In", List.of("n2", "n3")))
            .build();
    PreFilterResult r = plugin.preFilter(state(), requiring(byName), null);
    assertThat(r.status().isSuccess()).isTrue();
    assertThat(r.nodeNames()).isEqualTo(Set.of("n2", "n3"));
    assertThat(plugin.filter(state(), requiring(byName), labelled("n2")).isSuccess()).isTrue();
    assertThat(plugin.filter(state(), requiring(byName), labelled("n1")).isSuccess()).isFalse();
    assertThat(plugin.preFilter(state(), requiring(term(req("a", "Exists"))), null).nodeNames())
        .isNull();
  }

  @Test
  void preferredTermsScoreTheirWeightsNormalized() {
    PodInfo pod =
        PodInfo.of(
            podBuilder()
                .editSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(
                    new PreferredSchedulingTerm(term(req("foo", "In", "bar")), 2),
                    new PreferredSchedulingTerm(term(req("key", "In", "value")), 3))
                .endNodeAffinity()
                .endAffinity()
                .endSpec()
                .build());
    NodeInfo n1 = labelled("n1", "foo", "bar");
    NodeInfo n2 = labelled("n2", "foo", "bar", "key", "value");
    NodeInfo n3 = labelled("n3");
    // raw 2, 5, 0 → normalized to the best node: 40, 100, 0
    assertThat(scores(plugin, pod, n1, n2, n3)).containsExactly(40, 100, 0);
  }
}

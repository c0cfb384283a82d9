package io.karavel.scheduler.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.karavel.client.LabelSelectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the default spread constraints' selector is read from Services and controllers. */
class InformedClusterObjectsTest {

  static GenericKubernetesResource object(String kind, Map<String, Object> spec) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setKind(kind);
    r.setAdditionalProperty("spec", spec);
    return r;
  }

  static Pod pod(Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withNamespace("default")
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  static boolean allMatch(List<LabelSelector> selectors, Map<String, String> labels) {
    return selectors.stream().allMatch(s -> LabelSelectors.matches(s, labels));
  }

  @Test
  void servicesSelectingThePodAndItsReplicaSetGiveTheSelectors() {
    Pod pod = pod(Map.of("app", "web", "tier", "front", "pod-template-hash", "abc"));
    GenericKubernetesResource web = object("Service", Map.of("selector", Map.of("app", "web")));
    GenericKubernetesResource db = object("Service", Map.of("selector", Map.of("app", "db")));
    GenericKubernetesResource headless = object("Service", Map.of());
    GenericKubernetesResource rs =
        object(
            "ReplicaSet",
            Map.of(
                "selector",
                Map.of(
                    "matchLabels",
                    Map.of("pod-template-hash", "abc"),
                    "matchExpressions",
                    List.of(Map.of("key", "tier", "operator", "In", "values", List.of("front"))))));
    List<LabelSelector> selectors =
        InformedClusterObjects.selectors(pod, List.of(web, db, headless), "ReplicaSet", rs);
    assertThat(selectors).hasSize(2);
    // ANDed: a sibling of the same ReplicaSet matches, a web pod of another template does not
    assertThat(
            allMatch(selectors, Map.of("app", "web", "tier", "front", "pod-template-hash", "abc")))
        .isTrue();
    assertThat(allMatch(selectors, Map.of("app", "web", "tier", "front", "pod-template-hash", "x")))
        .isFalse();
    assertThat(
            allMatch(selectors, Map.of("app", "web", "tier", "back", "pod-template-hash", "abc")))
        .isFalse();
  }

  @Test
  void aReplicationControllerSelectsByItsLabelMap() {
    Pod pod = pod(Map.of("app", "legacy"));
    GenericKubernetesResource rc =
        object(null, Map.of("selector", Map.of("app", "legacy"))); // list items lack their kind
    List<LabelSelector> selectors =
        InformedClusterObjects.selectors(pod, List.of(), "ReplicationController", rc);
    assertThat(selectors).hasSize(1);
    assertThat(allMatch(selectors, Map.of("app", "legacy"))).isTrue();
    assertThat(allMatch(selectors, Map.of("app", "web"))).isFalse();
  }

  @Test
  void withoutOwnersThereIsNoSelector() {
    Pod pod = pod(Map.of("app", "web"));
    assertThat(
            InformedClusterObjects.selectors(
                pod, List.of(object("Service", Map.of("selector", Map.of("app", "db")))), "", null))
        .isEmpty();
    // a StatefulSet with an empty selector gives none either
    assertThat(
            InformedClusterObjects.selectors(
                pod, List.of(), "StatefulSet", object(null, Map.of("selector", Map.of()))))
        .isEmpty();
  }
}

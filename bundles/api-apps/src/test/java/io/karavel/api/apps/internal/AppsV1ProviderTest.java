package io.karavel.api.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppsV1ProviderTest {

  @Test
  void servesUpstreamDiscovery() {
    List<ResourceDefinition> defs = new AppsV1Provider().resources();
    assertThat(defs)
        .extracting(
            ResourceDefinition::plural,
            ResourceDefinition::singular,
            ResourceDefinition::kind,
            ResourceDefinition::shortNames,
            ResourceDefinition::categories,
            ResourceDefinition::subresources,
            ResourceDefinition::namespaced)
        .containsExactly(
            tuple(
                "deployments",
                "deployment",
                "Deployment",
                List.of("deploy"),
                List.of("all"),
                java.util.Set.of("status", "scale"),
                true),
            tuple(
                "replicasets",
                "replicaset",
                "ReplicaSet",
                List.of("rs"),
                List.of("all"),
                java.util.Set.of("status", "scale"),
                true),
            tuple(
                "statefulsets",
                "statefulset",
                "StatefulSet",
                List.of("sts"),
                List.of("all"),
                java.util.Set.of("status", "scale"),
                true),
            tuple(
                "daemonsets",
                "daemonset",
                "DaemonSet",
                List.of("ds"),
                List.of("all"),
                java.util.Set.of("status"),
                true),
            tuple(
                "controllerrevisions",
                "controllerrevision",
                "ControllerRevision",
                List.of(),
                List.of(),
                java.util.Set.of(),
                true));
    assertThat(defs)
        .allSatisfy(
            d -> {
              assertThat(d.apiVersion()).isEqualTo("apps/v1");
              assertThat(d.verbs()).isEqualTo(ResourceDefinition.STANDARD_VERBS);
              assertThat(d.stored()).isTrue();
              assertThat(d.table().columns()).hasSizeGreaterThan(2);
            });
  }
}

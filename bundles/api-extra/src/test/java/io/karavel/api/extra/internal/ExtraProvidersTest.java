package io.karavel.api.extra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import io.karavel.apiserver.spi.ResourceStrategy.NameRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExtraProvidersTest {
  private static final Set<String> STD = ResourceDefinition.STANDARD_VERBS;

  @Test
  void servesUpstreamDiscovery() {
    List<ResourceDefinition> all =
        Stream.<ResourceProvider>of(
                new CoordinationV1Provider(),
                new DiscoveryV1Provider(),
                new EventsV1Provider(),
                new PolicyV1Provider(),
                new SchedulingV1Provider(),
                new RbacV1Provider(),
                new AuthorizationV1Provider())
            .flatMap(p -> p.resources().stream())
            .toList();
    assertThat(all)
        .extracting(
            ResourceDefinition::apiVersion,
            ResourceDefinition::plural,
            ResourceDefinition::kind,
            ResourceDefinition::shortNames,
            ResourceDefinition::namespaced,
            ResourceDefinition::subresources,
            ResourceDefinition::verbs,
            ResourceDefinition::stored)
        .containsExactly(
            tuple(
                "coordination.k8s.io/v1", "leases", "Lease", List.of(), true, Set.of(), STD, true),
            tuple(
                "discovery.k8s.io/v1",
                "endpointslices",
                "EndpointSlice",
                List.of(),
                true,
                Set.of(),
                STD,
                true),
            tuple("events.k8s.io/v1", "events", "Event", List.of("ev"), true, Set.of(), STD, true),
            tuple(
                "policy/v1",
                "poddisruptionbudgets",
                "PodDisruptionBudget",
                List.of("pdb"),
                true,
                Set.of("status"),
                STD,
                true),
            tuple(
                "scheduling.k8s.io/v1",
                "priorityclasses",
                "PriorityClass",
                List.of("pc"),
                false,
                Set.of(),
                STD,
                true),
            tuple(
                "rbac.authorization.k8s.io/v1",
                "clusterrolebindings",
                "ClusterRoleBinding",
                List.of(),
                false,
                Set.of(),
                STD,
                true),
            tuple(
                "rbac.authorization.k8s.io/v1",
                "clusterroles",
                "ClusterRole",
                List.of(),
                false,
                Set.of(),
                STD,
                true),
            tuple(
                "rbac.authorization.k8s.io/v1",
                "rolebindings",
                "RoleBinding",
                List.of(),
                true,
                Set.of(),
                STD,
                true),
            tuple(
                "rbac.authorization.k8s.io/v1",
                "roles",
                "Role",
                List.of(),
                true,
                Set.of(),
                STD,
                true),
            tuple(
                "authorization.k8s.io/v1",
                "selfsubjectaccessreviews",
                "SelfSubjectAccessReview",
                List.of(),
                false,
                Set.of(),
                Set.of("create"),
                false));
    assertThat(all).allSatisfy(d -> assertThat(d.categories()).isEmpty());
    assertThat(all.stream().filter(d -> d.group().startsWith("rbac")))
        .allSatisfy(d -> assertThat(d.strategy().nameRule()).isEqualTo(NameRule.PATH_SEGMENT));
  }

  @Test
  void eventsAreStoredApartFromCoreEvents() {
    ResourceDefinition events = new EventsV1Provider().resources().get(0);
    assertThat(events.storageResource()).isEqualTo("events.events.k8s.io");
  }
}

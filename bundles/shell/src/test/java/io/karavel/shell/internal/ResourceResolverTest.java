package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Type names resolved from a discovery document the way kubectl resolves them. */
class ResourceResolverTest {
  private final ResourceResolver resolver = Fixtures.resolver();

  private String resolve(String arg) {
    ApiResource r = resolver.resolve(arg);
    return r.name() + "." + r.version() + "." + (r.group().isEmpty() ? "core" : r.group());
  }

  @Test
  void pluralSingularShortNameAndKindAllResolve() {
    assertThat(resolve("configmaps")).isEqualTo("configmaps.v1.core");
    assertThat(resolve("configmap")).isEqualTo("configmaps.v1.core");
    assertThat(resolve("cm")).isEqualTo("configmaps.v1.core");
    assertThat(resolve("ConfigMap")).isEqualTo("configmaps.v1.core");
    assertThat(resolve("deploy")).isEqualTo("deployments.v1.apps");
    assertThat(resolve("Deployments")).isEqualTo("deployments.v1.apps");
  }

  @Test
  void groupQualifiedNames() {
    assertThat(resolve("deployments.apps")).isEqualTo("deployments.v1.apps");
    assertThat(resolve("deployments.v1.apps")).isEqualTo("deployments.v1.apps");
    assertThat(resolve("deploy.apps")).isEqualTo("deployments.v1.apps");
    assertThat(resolve("events.events.k8s.io")).isEqualTo("events.v1.events.k8s.io");
    // A group typed short matches a group starting with it, as in events.events.
    assertThat(resolve("events.events")).isEqualTo("events.v1.events.k8s.io");
    assertThat(resolve("leases.coordination.k8s.io")).isEqualTo("leases.v1.coordination.k8s.io");
  }

  @Test
  void theCoreGroupWinsAnAmbiguousName() {
    assertThat(resolve("events")).isEqualTo("events.v1.core");
    assertThat(resolve("ev")).isEqualTo("events.v1.core");
  }

  @Test
  void subresourcesAreNotTypes() {
    assertThat(resolver.all())
        .extracting(ApiResource::name)
        .doesNotContain("pods/log", "deployments/scale");
    assertThatThrownBy(() -> resolver.resolve("pods/log"))
        .isInstanceOf(UnknownResourceTypeException.class);
  }

  @Test
  void unknownTypesAreReportedAsKubectlDoes() {
    assertThatThrownBy(() -> resolver.resolve("gizmos"))
        .isInstanceOf(UnknownResourceTypeException.class)
        .hasMessage("the server doesn't have a resource type \"gizmos\"");
    assertThatThrownBy(() -> resolver.resolve("deployments.v2.apps"))
        .isInstanceOf(UnknownResourceTypeException.class);
  }

  @Test
  void categoriesExpandToTheirTypes() {
    assertThat(resolver.resolveWithCategories("all"))
        .extracting(ApiResource::qualifiedName)
        .containsExactly("pods", "services", "deployments.apps", "replicasets.apps");
    assertThat(resolver.resolveWithCategories("cm"))
        .extracting(ApiResource::name)
        .containsExactly("configmaps");
  }

  @Test
  void manifestsMapKindsToTypes() {
    ApiResource deployment = resolver.forKind("apps/v1", "Deployment").orElseThrow();
    assertThat(deployment.name()).isEqualTo("deployments");
    assertThat(deployment.namespaced()).isTrue();
    assertThat(deployment.objectPath("shop", "web"))
        .isEqualTo("/apis/apps/v1/namespaces/shop/deployments/web");
    ApiResource namespace = resolver.forKind("v1", "Namespace").orElseThrow();
    assertThat(namespace.objectPath("ignored", "shop")).isEqualTo("/api/v1/namespaces/shop");
    // Another version of a served group keeps its version in the path.
    assertThat(resolver.forKind("apps/v1beta2", "Deployment").orElseThrow().collectionPath("a"))
        .isEqualTo("/apis/apps/v1beta2/namespaces/a/deployments");
    assertThat(resolver.forKind("example.org/v1", "Gizmo")).isEmpty();
  }

  @Test
  void namesForOutput() {
    assertThat(resolver.resolve("deploy").kindName()).isEqualTo("deployment.apps");
    assertThat(resolver.resolve("cm").kindName()).isEqualTo("configmap");
    assertThat(resolver.resolve("cm").qualifiedName()).isEqualTo("configmaps");
  }

  @Test
  void apiResourcesMatchesKubectl() {
    assertThat(
            Fixtures.printed(
                out -> ApiResourcesCommand.print(resolver.all(), null, null, null, false, out)))
        .isEqualTo(Fixtures.text("api-resources.txt"));
    assertThat(
            Fixtures.printed(
                out -> ApiResourcesCommand.print(resolver.all(), "wide", null, null, false, out)))
        .isEqualTo(Fixtures.text("api-resources-wide.txt"));
    assertThat(
            Fixtures.printed(
                out -> ApiResourcesCommand.print(resolver.all(), "name", "apps", null, false, out)))
        .isEqualTo("deployments.apps\nreplicasets.apps\n");
    assertThat(
            Fixtures.printed(
                out -> ApiResourcesCommand.print(resolver.all(), null, null, "false", true, out)))
        .isEqualTo(
            "namespaces   ns    v1    false   Namespace\nnodes        no    v1    false   Node\n");
  }
}

package io.karavel.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiWriterTest {

  private final JacksonSchemaService service = new JacksonSchemaService();

  static ResourceDefinition pods() {
    return ResourceDefinition.builder("", "v1", "Pod", "pods")
        .shortNames("po")
        .categories("all")
        .subresources("status")
        .model(Pod.class)
        .build();
  }

  static ResourceDefinition nodes() {
    return ResourceDefinition.builder("", "v1", "Node", "nodes")
        .clusterScoped()
        .model(Node.class)
        .build();
  }

  static ResourceDefinition deployments() {
    return ResourceDefinition.builder("apps", "v1", "Deployment", "deployments")
        .model(Deployment.class)
        .build();
  }

  @Test
  void patchOperationsCarryKindAndFieldValidation() {
    ObjectNode doc = service.groupVersionDocument("", "v1", List.of(pods(), nodes()));
    assertThat(doc.path("openapi").asText()).isEqualTo("3.0.0");
    JsonNode patch = doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/patch");
    assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
    assertThat(names(patch.path("parameters")))
        .contains("fieldValidation", "dryRun", "fieldManager", "force");
    assertThat(patch.at("/requestBody/content").has("application/apply-patch+yaml")).isTrue();
    assertThat(doc.at("/paths/~1api~1v1~1nodes~1{name}/patch/operationId").asText())
        .isEqualTo("patchCoreV1Node");
    assertThat(doc.at("/paths/~1api~1v1~1pods/get/x-kubernetes-action").asText()).isEqualTo("list");
    assertThat(
            doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1status/put")
                .isObject())
        .isTrue();
    assertThat(
            doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods/post/x-kubernetes-action")
                .asText())
        .isEqualTo("post");
  }

  @Test
  void schemasAreNamedAndExtendedLikeUpstream() {
    ObjectNode doc = service.groupVersionDocument("apps", "v1", List.of(deployments()));
    JsonNode schemas = doc.at("/components/schemas");
    JsonNode deployment = schemas.path("io.k8s.api.apps.v1.Deployment");
    assertThat(deployment.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
    assertThat(
            schemas
                .at("/io.k8s.api.apps.v1.DeploymentList/x-kubernetes-group-version-kind/0/kind")
                .asText())
        .isEqualTo("DeploymentList");
    assertThat(deployment.at("/properties/metadata/allOf/0/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    JsonNode containers = schemas.at("/io.k8s.api.core.v1.PodSpec/properties/containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
    assertThat(containers.at("/items/allOf/0/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(schemas.at("/io.k8s.api.core.v1.Container/required").toString())
        .isEqualTo("[\"name\"]");
    assertThat(
            schemas
                .at("/io.k8s.api.core.v1.PodSpec/properties/nodeSelector/additionalProperties/type")
                .asText())
        .isEqualTo("string");
    assertThat(
            schemas
                .at("/io.k8s.apimachinery.pkg.api.resource.Quantity/x-kubernetes-int-or-string")
                .asBoolean())
        .isTrue();
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText())
        .isEqualTo("date-time");
    assertThat(
            schemas
                .at(
                    "/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1/x-kubernetes-preserve-unknown-fields")
                .asBoolean())
        .isTrue();
    assertThat(
            schemas
                .at("/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector/x-kubernetes-map-type")
                .asText())
        .isEqualTo("atomic");
    assertThat(
            schemas
                .at(
                    "/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/finalizers/x-kubernetes-list-type")
                .asText())
        .isEqualTo("set");
    assertThat(
            schemas
                .at(
                    "/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy/x-kubernetes-patch-strategy")
                .asText())
        .isEqualTo("retainKeys");
  }

  @Test
  void everyReferenceResolves() {
    ObjectNode doc = service.groupVersionDocument("", "v1", List.of(pods(), nodes()));
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/schemas/");
      assertThat(doc.at("/components/schemas").has(ref.substring("#/components/schemas/".length())))
          .as(ref)
          .isTrue();
    }
  }

  @Test
  void hashIsStableUpperHexSha512() {
    ObjectNode a = service.groupVersionDocument("", "v1", List.of(pods()));
    ObjectNode b = service.groupVersionDocument("", "v1", List.of(pods()));
    String hash = service.hash(a);
    assertThat(hash).matches("[0-9A-F]{128}").isEqualTo(service.hash(b));
    assertThat(service.hash(service.groupVersionDocument("", "v1", List.of(pods(), nodes()))))
        .isNotEqualTo(hash);
    assertThat(service.rootDocument(Map.of("apis/apps/v1", "B", "api/v1", "A")).toString())
        .isEqualTo(
            "{\"paths\":{\"api/v1\":{\"serverRelativeURL\":\"/openapi/v3/api/v1?hash=A\"},"
                + "\"apis/apps/v1\":{\"serverRelativeURL\":\"/openapi/v3/apis/apps/v1?hash=B\"}}}");
  }

  private static List<String> names(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    parameters.forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}

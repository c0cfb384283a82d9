package io.karavel.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.KindSchema;
import io.karavel.schema.ListType;
import io.karavel.schema.PatchStrategy;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaBuilderTest {

  private final JacksonSchemaService service = new JacksonSchemaService();

  @Test
  void navigatesPodByJsonNames() {
    KindSchema pod = service.schemaOf(Pod.class);
    assertThat(pod.root().type()).isEqualTo(SchemaType.OBJECT);
    assertThat(pod.root().properties())
        .containsKeys("apiVersion", "kind", "metadata", "spec", "status");
    assertThat(pod.root().properties()).doesNotContainKey("additionalProperties");
    SchemaNode containers = pod.at("spec", "containers").orElseThrow();
    assertThat(containers.type()).isEqualTo(SchemaType.ARRAY);
    SchemaNode container = containers.items();
    assertThat(container.componentName()).isEqualTo("io.k8s.api.core.v1.Container");
    assertThat(container.properties())
        .containsKeys("name", "image", "imagePullPolicy", "env", "ports");
    assertThat(
            pod.at("spec", "containers", "[]", "ports", "[]", "containerPort")
                .orElseThrow()
                .format())
        .isEqualTo("int32");
    assertThat(pod.at("spec", "terminationGracePeriodSeconds").orElseThrow().format())
        .isEqualTo("int64");
    assertThat(pod.at("spec", "nodeSelector").orElseThrow().type()).isEqualTo(SchemaType.MAP);
    assertThat(pod.at("spec", "nodeSelector", "{}").orElseThrow().type())
        .isEqualTo(SchemaType.STRING);
  }

  @Test
  void specialTypes() {
    KindSchema pod = service.schemaOf(Pod.class);
    SchemaNode limit =
        pod.at("spec", "containers", "[]", "resources", "limits", "{}").orElseThrow();
    assertThat(limit.type()).isEqualTo(SchemaType.INT_OR_STRING);
    assertThat(limit.componentName()).isEqualTo("io.k8s.apimachinery.pkg.api.resource.Quantity");
    SchemaNode port =
        pod.at("spec", "containers", "[]", "livenessProbe", "httpGet", "port").orElseThrow();
    assertThat(port.type()).isEqualTo(SchemaType.INT_OR_STRING);
    assertThat(port.componentName()).isEqualTo("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    SchemaNode created = pod.at("metadata", "creationTimestamp").orElseThrow();
    assertThat(created.type()).isEqualTo(SchemaType.STRING);
    assertThat(created.format()).isEqualTo("date-time");
    assertThat(pod.at("status", "conditions", "[]", "lastTransitionTime").orElseThrow().format())
        .isEqualTo("date-time");
    assertThat(pod.at("metadata", "managedFields", "[]", "time").orElseThrow().format())
        .isEqualTo("date-time");
    SchemaNode fields = pod.at("metadata", "managedFields", "[]", "fieldsV1").orElseThrow();
    assertThat(fields.type()).isEqualTo(SchemaType.ANY);
    assertThat(fields.componentName()).isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1");
    assertThat(service.schemaOf(Secret.class).at("data", "{}").orElseThrow().format())
        .isEqualTo("byte");
    assertThat(service.schemaOf(Secret.class).at("stringData", "{}").orElseThrow().format())
        .isNull();
    assertThat(service.schemaOf(ConfigMap.class).at("binaryData", "{}").orElseThrow().format())
        .isEqualTo("byte");
  }

  @Test
  void cyclicSchemasShareNodes() {
    KindSchema crd = service.schemaOf(CustomResourceDefinition.class);
    SchemaNode props = crd.at("spec", "versions", "[]", "schema", "openAPIV3Schema").orElseThrow();
    assertThat(props.componentName())
        .isEqualTo("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    assertThat(props.property("properties").orElseThrow().values()).isSameAs(props);
    assertThat(props.property("x-kubernetes-preserve-unknown-fields")).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "io.fabric8.kubernetes.api.model.Pod, io.k8s.api.core.v1.Pod",
    "io.fabric8.kubernetes.api.model.ObjectMeta, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    "io.fabric8.kubernetes.api.model.LabelSelector, io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
    "io.fabric8.kubernetes.api.model.Status, io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    "io.fabric8.kubernetes.api.model.apps.Deployment, io.k8s.api.apps.v1.Deployment",
    "io.fabric8.kubernetes.api.model.batch.v1.CronJob, io.k8s.api.batch.v1.CronJob",
    "io.fabric8.kubernetes.api.model.rbac.ClusterRole, io.k8s.api.rbac.v1.ClusterRole",
    "io.fabric8.kubernetes.api.model.runtime.RawExtension, io.k8s.apimachinery.pkg.runtime.RawExtension",
  })
  void componentNamesFollowUpstreamPackages(String className, String expected) throws Exception {
    assertThat(ComponentNames.of(Class.forName(className))).isEqualTo(expected);
  }

  @Test
  void mergeFacts() {
    KindSchema pod = service.schemaOf(Pod.class);
    SchemaNode spec = pod.at("spec").orElseThrow();
    FieldMeta containers = spec.fieldMeta("containers");
    assertThat(containers.patchStrategies()).containsExactly(PatchStrategy.MERGE);
    assertThat(containers.patchMergeKey()).isEqualTo("name");
    assertThat(containers.listType()).isEqualTo(ListType.MAP);
    assertThat(spec.fieldMeta("volumes").patchStrategyValue()).isEqualTo("merge,retainKeys");
    assertThat(spec.fieldMeta("tolerations").mergeList()).isFalse();
    assertThat(spec.fieldMeta("tolerations").listType()).isEqualTo(ListType.ATOMIC);
    assertThat(spec.fieldMeta("topologySpreadConstraints").listMapKeys())
        .containsExactly("topologyKey", "whenUnsatisfiable");
    SchemaNode container = pod.at("spec", "containers", "[]").orElseThrow();
    assertThat(container.fieldMeta("ports").patchMergeKey()).isEqualTo("containerPort");
    assertThat(container.fieldMeta("ports").listMapKeys())
        .containsExactly("containerPort", "protocol");
    assertThat(container.fieldMeta("volumeMounts").patchMergeKey()).isEqualTo("mountPath");
    // a list nobody described is atomic; a scalar has no list type
    assertThat(container.fieldMeta("command")).isEqualTo(FieldMeta.ATOMIC_LIST);
    assertThat(container.fieldMeta("image")).isEqualTo(FieldMeta.DEFAULT);
    FieldMeta finalizers = pod.at("metadata").orElseThrow().fieldMeta("finalizers");
    assertThat(finalizers.mergeList()).isTrue();
    assertThat(finalizers.listType()).isEqualTo(ListType.SET);
    assertThat(
            service
                .schemaOf(Service.class)
                .at("spec")
                .orElseThrow()
                .fieldMeta("ports")
                .listMapKeys())
        .containsExactly("port", "protocol");
    assertThat(
            service
                .schemaOf(Node.class)
                .at("status")
                .orElseThrow()
                .fieldMeta("addresses")
                .patchMergeKey())
        .isEqualTo("type");
    FieldMeta jobConditions =
        service.schemaOf(Job.class).at("status").orElseThrow().fieldMeta("conditions");
    assertThat(jobConditions.mergeList()).isTrue();
    assertThat(jobConditions.listType()).isEqualTo(ListType.ATOMIC);
    KindSchema deployment = service.schemaOf(Deployment.class);
    assertThat(deployment.at("spec").orElseThrow().fieldMeta("strategy").retainKeys()).isTrue();
    assertThat(deployment.at("spec", "selector").orElseThrow().atomic()).isTrue();
    assertThat(deployment.at("spec", "template", "spec").orElseThrow())
        .isSameAs(pod.at("spec").orElseThrow());
    assertThat(service.schemaOf(ClusterRole.class).at("rules").orElseThrow().type())
        .isEqualTo(SchemaType.ARRAY);
  }

  @Test
  void concurrentLookupsBuildOneGraph() throws Exception {
    JacksonSchemaService fresh = new JacksonSchemaService();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<SchemaNode>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Class<?> type = i % 2 == 0 ? Pod.class : Deployment.class;
        tasks.add(
            () ->
                type == Pod.class
                    ? fresh.schemaOf(Pod.class).at("spec").orElseThrow()
                    : fresh
                        .schemaOf(Deployment.class)
                        .at("spec", "template", "spec")
                        .orElseThrow());
      }
      Set<SchemaNode> podSpecs = new java.util.HashSet<>();
      for (Future<SchemaNode> f : pool.invokeAll(tasks)) {
        podSpecs.add(f.get());
      }
      assertThat(podSpecs).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.karavel.client.live;

import static io.karavel.client.live.LiveCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Create, read, update, patch, apply, list and delete of a ConfigMap against a real server. */
@Timeout(60)
class ConfigMapCrudLiveTest {
  private KubernetesClient client;

  @BeforeEach
  void connect() {
    client = LiveCluster.client();
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void configMapLifecycle() throws Exception {
    String name = LiveCluster.unique("crud");
    String run = LiveCluster.unique("run");
    ConfigMap created =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels("karavel-test", run)
                    .endMetadata()
                    .addToData("colour", "red")
                    .build())
            .create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).endsWith("Z");
    assertThat(created.getMetadata().getNamespace()).isEqualTo(NAMESPACE);

    ConfigMap read = client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    assertThat(read.getData()).containsExactly(Map.entry("colour", "red"));
    assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());

    assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).resource(created).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

    ConfigMap updated =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .resource(new ConfigMapBuilder(read).addToData("colour", "blue").build())
            .update();
    assertThat(updated.getData()).containsEntry("colour", "blue");
    assertThat(updated.getMetadata().getResourceVersion())
        .isNotEqualTo(read.getMetadata().getResourceVersion());

    // An update carrying the stale resourceVersion is a conflict.
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace(NAMESPACE)
                    .resource(new ConfigMapBuilder(read).addToData("colour", "green").build())
                    .update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

    ConfigMap edited =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(name)
            .edit(cm -> new ConfigMapBuilder(cm).addToData("shape", "round").build());
    assertThat(edited.getData()).containsEntry("colour", "blue").containsEntry("shape", "round");

    ConfigMap applied =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .addToData("size", "large")
                    .build())
            .fieldManager("karavel-client-test")
            .forceConflicts()
            .serverSideApply();
    assertThat(applied.getData()).containsEntry("size", "large").containsEntry("colour", "blue");

    assertThat(
            client
                .configMaps()
                .inNamespace(NAMESPACE)
                .withLabel("karavel-test", run)
                .list()
                .getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly(name);

    assertThat(client.configMaps().inNamespace(NAMESPACE).withName(name).delete()).hasSize(1);
    assertThat(
            LiveCluster.eventually(
                Duration.ofSeconds(10),
                () -> client.configMaps().inNamespace(NAMESPACE).withName(name).get() == null))
        .isTrue();
  }
}

package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.Watch;
import java.io.Reader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two Java clients users pick most, unmodified, against a running all-in-one distribution:
 * fabric8's {@code kubernetes-client} and the official {@code io.kubernetes:client-java}. Each does
 * CRUD and a watch with the admin kubeconfig the distribution wrote.
 */
class JavaClientsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static KaravelCluster cluster;
  private static KubernetesClient fabric8;
  private static ApiClient official;

  @BeforeAll
  static void start() throws Exception {
    cluster = KaravelCluster.start();
    String kubeconfig = Files.readString(cluster.kubeconfig());
    Config config = Config.fromKubeconfig(kubeconfig);
    // The admin key is a PKCS#8 "PRIVATE KEY" on P-256; fabric8 guesses RSA unless told (or
    // KUBERNETES_CLIENT_KEY_ALGO=EC is set), as the README says.
    config.setClientKeyAlgo("EC");
    fabric8 = new KubernetesClientBuilder().withConfig(config).build();
    try (Reader r = Files.newBufferedReader(cluster.kubeconfig())) {
      official = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(r)).build();
    }
    official.setReadTimeout(0); // watches stay open
  }

  @AfterAll
  static void stop() throws Exception {
    if (fabric8 != null) {
      fabric8.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  // ------------------------------------------------------------------ fabric8

  @Test
  void fabric8DoesCrudAndReportsErrorsAsStatuses() {
    fabric8
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build())
        .create();
    var configMaps = fabric8.configMaps().inNamespace("f8");
    ConfigMap created =
        configMaps
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("settings")
                    .addToLabels("app", "f8")
                    .endMetadata()
                    .addToData("color", "blue")
                    .build())
            .create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();

    ConfigMap edited =
        configMaps
            .withName("settings")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("size", "L").build());
    assertThat(edited.getData()).containsEntry("color", "blue").containsEntry("size", "L");
    assertThat(Long.parseLong(edited.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    assertThat(configMaps.withLabel("app", "f8").list().getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly("settings");
    assertThat(configMaps.withLabel("app", "other").list().getItems()).isEmpty();

    // A stale resourceVersion is a 409 Conflict, not a lost update.
    ConfigMap stale = new ConfigMapBuilder(created).addToData("color", "red").build();
    assertThatThrownBy(() -> configMaps.resource(stale).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
            });
    assertThat(configMaps.withName("settings").get().getData()).containsEntry("color", "blue");

    assertThatThrownBy(() -> configMaps.resource(created).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

    assertThat(configMaps.withName("settings").delete()).hasSize(1);
    assertThat(configMaps.withName("settings").get()).isNull();
  }

  @Test
  void fabric8CreatesAndScalesADeployment() {
    var deployments = fabric8.apps().deployments().inNamespace("default");
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels("app", "web")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment created = deployments.resource(d).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    // Defaulting as upstream.
    assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);

    deployments.withName("web").scale(3);
    Deployment scaled = deployments.withName("web").get();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);

    // Validation: replicas < 0 is a 422 Invalid with a cause on the field.
    Deployment negative =
        new DeploymentBuilder(scaled).editSpec().withReplicas(-1).endSpec().build();
    assertThatThrownBy(() -> deployments.resource(negative).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
              assertThat(e.getStatus().getDetails().getCauses())
                  .anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));
            });
    deployments.withName("web").delete();
  }

  @Test
  void fabric8WatchSeesAddModifyDelete() throws Exception {
    fabric8
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("f8w").endMetadata().build())
        .create();
    var configMaps = fabric8.configMaps().inNamespace("f8w");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (var w =
        configMaps.watch(
            new Watcher<ConfigMap>() {
              @Override
              public void eventReceived(Action action, ConfigMap cm) {
                events.add(action + " " + cm.getMetadata().getName() + " " + cm.getData());
              }

              @Override
              public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause);
              }
            })) {
      configMaps
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("w1")
                  .endMetadata()
                  .addToData("k", "1")
                  .build())
          .create();
      configMaps.withName("w1").edit(cm -> new ConfigMapBuilder(cm).addToData("k", "2").build());
      configMaps.withName("w1").delete();
      assertThat(take(events, 3))
          .containsExactly("ADDED w1 {k=1}", "MODIFIED w1 {k=2}", "DELETED w1 {k=2}");
    }
  }

  @Test
  void watchesAreServedOverWebSocketsWithOneTextMessagePerEvent() throws Exception {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    URI uri =
        WebSocket.toWebSocketUri(
            URI.create(
                cluster.url()
                    + "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=3"
                    + "&fieldSelector=metadata.name%3Dws1"));
    WebSocket socket =
        fabric8
            .getHttpClient()
            .newWebSocketBuilder()
            .uri(uri)
            .buildAsync(
                new WebSocket.Listener() {
                  @Override
                  public void onMessage(WebSocket ws, String text) {
                    messages.add(text);
                    ws.request();
                  }

                  @Override
                  public void onMessage(WebSocket ws, ByteBuffer bytes) {
                    messages.add("binary message");
                    ws.request();
                  }

                  @Override
                  public void onClose(WebSocket ws, int code, String reason) {
                    messages.add("close " + code);
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(socket).isNotNull();
    fabric8
        .configMaps()
        .inNamespace("default")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("ws1").endMetadata().build())
        .create();
    fabric8.configMaps().inNamespace("default").withName("ws1").delete();
    List<String> got = take(messages, 3);
    assertThat(got).hasSize(3);
    assertThat(MAPPER.readTree(got.get(0)).path("type").asText()).isEqualTo("ADDED");
    assertThat(MAPPER.readTree(got.get(0)).at("/object/metadata/name").asText()).isEqualTo("ws1");
    assertThat(MAPPER.readTree(got.get(1)).path("type").asText()).isEqualTo("DELETED");
    // timeoutSeconds ends the watch with a normal close, as it ends an HTTP watch.
    assertThat(got.get(2)).isEqualTo("close 1000");
  }

  // ---------------------------------------------------------------- client-java

  @Test
  void officialClientDoesCrud() throws Exception {
    CoreV1Api core = new CoreV1Api(official);
    core.createNamespace(
            new io.kubernetes.client.openapi.models.V1Namespace()
                .metadata(new V1ObjectMeta().name("official")))
        .execute();
    V1ConfigMap created =
        core.createNamespacedConfigMap(
                "official",
                new V1ConfigMap()
                    .metadata(new V1ObjectMeta().name("cm").labels(Map.of("tier", "a")))
                    .data(Map.of("x", "1")))
            .execute();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();

    V1ConfigMap read = core.readNamespacedConfigMap("cm", "official").execute();
    assertThat(read.getData()).containsEntry("x", "1");
    read.setData(Map.of("x", "2"));
    V1ConfigMap replaced = core.replaceNamespacedConfigMap("cm", "official", read).execute();
    assertThat(replaced.getData()).containsEntry("x", "2");

    V1ConfigMapList list =
        core.listNamespacedConfigMap("official").labelSelector("tier=a").execute();
    assertThat(list.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("cm");
    assertThat(list.getMetadata().getResourceVersion()).isNotBlank();

    assertThatThrownBy(() -> core.readNamespacedConfigMap("missing", "official").execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getResponseBody()).contains("\"reason\":\"NotFound\"");
            });

    core.deleteNamespacedConfigMap("cm", "official").execute();
    assertThatThrownBy(() -> core.readNamespacedConfigMap("cm", "official").execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void officialClientWatchesFromAResourceVersion() throws Exception {
    CoreV1Api core = new CoreV1Api(official);
    core.createNamespace(
            new io.kubernetes.client.openapi.models.V1Namespace()
                .metadata(new V1ObjectMeta().name("official-w")))
        .execute();
    String rv =
        core.listNamespacedConfigMap("official-w").execute().getMetadata().getResourceVersion();
    // Written before the watch starts: still delivered, because the watch begins at rv.
    core.createNamespacedConfigMap(
            "official-w",
            new V1ConfigMap().metadata(new V1ObjectMeta().name("a")).data(Map.of("v", "1")))
        .execute();
    try (Watch<V1ConfigMap> watch =
        Watch.createWatch(
            official,
            core.listNamespacedConfigMap("official-w")
                .resourceVersion(rv)
                .watch(true)
                .timeoutSeconds(30)
                .buildCall(null),
            new com.google.gson.reflect.TypeToken<Watch.Response<V1ConfigMap>>() {}.getType())) {
      core.deleteNamespacedConfigMap("a", "official-w").execute();
      List<String> seen = new java.util.ArrayList<>();
      for (Watch.Response<V1ConfigMap> event : watch) {
        seen.add(event.type + " " + event.object.getMetadata().getName());
        if (seen.size() == 2) {
          break;
        }
      }
      assertThat(seen).containsExactly("ADDED a", "DELETED a");
    }
  }

  private static List<String> take(BlockingQueue<String> q, int n) throws InterruptedException {
    List<String> out = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (out.size() < n && System.nanoTime() < deadline) {
      String e = q.poll(100, TimeUnit.MILLISECONDS);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }
}

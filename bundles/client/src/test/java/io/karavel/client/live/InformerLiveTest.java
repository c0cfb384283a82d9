package io.karavel.client.live;

import static io.karavel.client.live.LiveCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An informer's list, watch events and indexer against a real server. */
@Timeout(60)
class InformerLiveTest {
  private static final String BY_COLOUR = "byColour";

  private KubernetesClient client;
  private SharedIndexInformer<ConfigMap> informer;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @BeforeEach
  void connect() {
    client = LiveCluster.client();
  }

  @AfterEach
  void close() {
    if (informer != null) {
      informer.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private ConfigMap configMap(String name, String run, String colour) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .addToLabels("karavel-test", run)
        .endMetadata()
        .addToData("colour", colour)
        .build();
  }

  private String nextEvent() throws InterruptedException {
    String event = events.poll(15, TimeUnit.SECONDS);
    assertThat(event).as("an informer event within 15 s").isNotNull();
    return event;
  }

  @Test
  void informerListsWatchesAndIndexes() throws Exception {
    String run = LiveCluster.unique("inf");
    String before = run + "-before";
    String after = run + "-after";
    client.resource(configMap(before, run, "green")).create();

    informer =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withLabel("karavel-test", run)
            .runnableInformer(0);
    informer.addIndexers(Map.of(BY_COLOUR, cm -> List.of(cm.getData().getOrDefault("colour", ""))));
    informer.addEventHandler(
        new ResourceEventHandler<ConfigMap>() {
          @Override
          public void onAdd(ConfigMap obj) {
            events.add("ADD " + obj.getMetadata().getName() + " " + obj.getData().get("colour"));
          }

          @Override
          public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            if (!oldObj
                .getMetadata()
                .getResourceVersion()
                .equals(newObj.getMetadata().getResourceVersion())) {
              events.add(
                  "UPDATE "
                      + newObj.getMetadata().getName()
                      + " "
                      + newObj.getData().get("colour"));
            }
          }

          @Override
          public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            events.add("DELETE " + obj.getMetadata().getName());
          }
        });
    informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(informer.hasSynced()).isTrue();
    assertThat(nextEvent()).isEqualTo("ADD " + before + " green");

    client.resource(configMap(after, run, "red")).create();
    assertThat(nextEvent()).isEqualTo("ADD " + after + " red");
    assertThat(informer.getIndexer().byIndex(BY_COLOUR, "red"))
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly(after);
    assertThat(informer.getStore().getByKey(NAMESPACE + "/" + after)).isNotNull();

    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(after)
        .edit(cm -> new ConfigMapBuilder(cm).addToData("colour", "green").build());
    assertThat(nextEvent()).isEqualTo("UPDATE " + after + " green");
    assertThat(informer.getIndexer().byIndex(BY_COLOUR, "red")).isEmpty();
    assertThat(informer.getIndexer().byIndex(BY_COLOUR, "green"))
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactlyInAnyOrder(before, after);

    client.configMaps().inNamespace(NAMESPACE).withName(after).delete();
    assertThat(nextEvent()).isEqualTo("DELETE " + after);
    assertThat(informer.getStore().getByKey(NAMESPACE + "/" + after)).isNull();
    assertThat(informer.getIndexer().byIndex(BY_COLOUR, "green"))
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly(before);

    client.configMaps().inNamespace(NAMESPACE).withName(before).delete();
    assertThat(nextEvent()).isEqualTo("DELETE " + before);
  }
}

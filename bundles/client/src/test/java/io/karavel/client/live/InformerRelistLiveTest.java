package io.karavel.client.live;

import static io.karavel.client.live.LiveCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.karavel.client.internal.KubeconfigClients;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cuts an informer's connection to the server, changes objects meanwhile and checks that the
 * informer, once it reconnects (re-watching from its last resource version, or re-listing when the
 * server answers 410 Gone), converges on the server's state.
 */
@Timeout(90)
class InformerRelistLiveTest {
  private KubernetesClient direct;
  private KubernetesClient proxied;
  private TcpCutter cutter;
  private SharedIndexInformer<ConfigMap> informer;

  @BeforeEach
  void connect() throws Exception {
    direct = LiveCluster.client();
    URI server = URI.create(direct.getConfiguration().getMasterUrl());
    InetAddress host = InetAddress.getByName(server.getHost());
    assumeTrue(host.isLoopbackAddress(), "the cut test runs against a loopback server only");
    int port = server.getPort() > 0 ? server.getPort() : 443;
    cutter = new TcpCutter(host, new InetSocketAddress(host, port));
    // Same host name (the server certificate names it), the cutter's port.
    Config config =
        new ConfigBuilder(KubeconfigClients.config(LiveCluster.kubeconfig()))
            .withMasterUrl(
                new URI(server.getScheme(), null, server.getHost(), cutter.port(), "/", null, null)
                    .toString())
            .withWatchReconnectInterval(200)
            .build();
    proxied =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build();
  }

  @AfterEach
  void close() throws Exception {
    if (informer != null) {
      informer.close();
    }
    if (proxied != null) {
      proxied.close();
    }
    if (cutter != null) {
      cutter.close();
    }
    if (direct != null) {
      direct.close();
    }
  }

  private ConfigMap configMap(String name, String run) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .addToLabels("karavel-test", run)
        .endMetadata()
        .addToData("v", "1")
        .build();
  }

  @Test
  void informerCatchesUpAfterItsWatchIsCut() throws Exception {
    String run = LiveCluster.unique("cut");
    direct.resource(configMap(run + "-kept", run)).create();
    direct.resource(configMap(run + "-gone", run)).create();

    informer =
        proxied
            .configMaps()
            .inNamespace(NAMESPACE)
            .withLabel("karavel-test", run)
            .runnableInformer(0);
    informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(informer.getStore().listKeys())
        .containsExactlyInAnyOrder(
            NAMESPACE + "/" + run + "-kept", NAMESPACE + "/" + run + "-gone");
    assertThat(LiveCluster.eventually(Duration.ofSeconds(10), informer::isWatching)).isTrue();

    cutter.cut();
    assertThat(LiveCluster.eventually(Duration.ofSeconds(10), () -> !informer.isWatching()))
        .as("the informer notices the cut")
        .isTrue();
    direct.configMaps().inNamespace(NAMESPACE).withName(run + "-gone").delete();
    direct
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(run + "-kept")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
    direct.resource(configMap(run + "-new", run)).create();
    Thread.sleep(500);
    cutter.resume();

    assertThat(
            LiveCluster.eventually(
                Duration.ofSeconds(40),
                () ->
                    informer.getStore().getByKey(NAMESPACE + "/" + run + "-gone") == null
                        && informer.getStore().getByKey(NAMESPACE + "/" + run + "-new") != null
                        && "2"
                            .equals(
                                informer
                                    .getStore()
                                    .getByKey(NAMESPACE + "/" + run + "-kept")
                                    .getData()
                                    .get("v"))))
        .as("the cache reflects the changes made while the watch was cut")
        .isTrue();
    assertThat(informer.isWatching()).isTrue();

    direct.configMaps().inNamespace(NAMESPACE).withLabel("karavel-test", run).delete();
  }
}

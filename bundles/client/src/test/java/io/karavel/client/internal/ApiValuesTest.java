package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.karavel.client.Informers;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.LeaderElectionSettings;
import io.karavel.client.ResourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported value types and the informer helper, without a server. */
class ApiValuesTest {
  @TempDir Path dir;

  @Test
  void resourceTypePaths() {
    ResourceType pods = new ResourceType("", "v1", "pods", "Pod", true);
    assertThat(pods.apiVersion()).isEqualTo("v1");
    assertThat(pods.qualifiedName()).isEqualTo("pods");
    assertThat(pods.collectionPath("shop")).isEqualTo("/api/v1/namespaces/shop/pods");
    assertThat(pods.collectionPath(null)).isEqualTo("/api/v1/pods");
    ResourceType nodes = new ResourceType("", "v1", "nodes", "Node", false);
    assertThat(nodes.collectionPath("ignored")).isEqualTo("/api/v1/nodes");
    ResourceType deployments = new ResourceType("apps", "v1", "deployments", "Deployment", true);
    assertThat(deployments.apiVersion()).isEqualTo("apps/v1");
    assertThat(deployments.qualifiedName()).isEqualTo("deployments.apps");
    assertThat(deployments.collectionPath("a")).isEqualTo("/apis/apps/v1/namespaces/a/deployments");
    assertThat(deployments.toContext().getPlural()).isEqualTo("deployments");
    assertThat(deployments.toContext().isNamespaceScoped()).isTrue();
  }

  @Test
  void genericInformerIsCreatedNotStarted() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\n"
            + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n"
            + "current-context: c\n");
    try (KubernetesClient client = KubeClientProvider.fromKubeconfig(kubeconfig)) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          Informers.informer(
              client,
              new ResourceType("apps", "v1", "deployments", "Deployment", true),
              "shop",
              Duration.ofMinutes(1));
      assertThat(informer.isRunning()).isFalse();
      assertThat(informer.getStore().list()).isEmpty();
      informer.close();
    }
  }

  @Test
  void leaderElectionSettingsDefaultsAndInvariants() {
    LeaderElectionSettings settings =
        LeaderElectionSettings.of("kube-system", "scheduler", "node-1");
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(
            () ->
                settings.withTiming(
                    Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
        .hasMessageContaining("leaseDuration must be greater than renewDeadline");
    assertThatThrownBy(
            () ->
                settings.withTiming(
                    Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .hasMessageContaining("renewDeadline must be greater than retryPeriod*1.2");
    assertThatThrownBy(() -> LeaderElectionSettings.of("ns", "", "me"))
        .hasMessageContaining("name must not be empty");
  }
}

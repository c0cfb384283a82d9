package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.KubeconfigUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigClientsTest {
  @TempDir Path dir;

  @Test
  void buildsAJdkHttpClientForTheCurrentContextOnly() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: karavel
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        - name: other
          cluster:
            server: https://127.0.0.2:7443
        users:
        - name: admin
          user:
            token: not-a-real-token
        contexts:
        - name: karavel-admin
          context: {cluster: karavel, user: admin, namespace: team-a}
        - name: other
          context: {cluster: other, user: admin}
        current-context: karavel-admin
        """);
    try (KubernetesClient client = KubeClientProvider.fromKubeconfig(kubeconfig)) {
      assertThat(client.getMasterUrl().toString()).isEqualTo("https://127.0.0.1:6443/");
      assertThat(client.getNamespace()).isEqualTo("team-a");
      assertThat(client.getConfiguration().isTrustCerts()).isTrue();
      assertThat(client.getHttpClient().getClass().getName())
          .startsWith("io.fabric8.kubernetes.client.jdkhttp.");
    }
  }

  @Test
  void missingOrBrokenKubeconfigIsReportedAsUnavailable() throws Exception {
    assertThatThrownBy(() -> KubeconfigClients.create(dir.resolve("absent")))
        .isInstanceOf(KubeconfigUnavailableException.class);
    Path broken = dir.resolve("broken");
    Files.writeString(broken, "clusters: [ this is not : yaml");
    assertThatThrownBy(() -> KubeconfigClients.create(broken))
        .isInstanceOf(KubeconfigUnavailableException.class)
        .hasMessageContaining(broken.toString());
  }

  @Test
  void onlyKubeconfigsThatCanCarryATokenKeepTheTokenRefresh() throws Exception {
    String cluster =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: karavel
          cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
        contexts:
        - name: c
          context: {cluster: karavel, user: u}
        current-context: c
        users:
        - name: u
        """;
    Path certificatesOnly = dir.resolve("certificates-only");
    Files.writeString(certificatesOnly, cluster + "  user: {}\n");
    Path token = dir.resolve("token");
    Files.writeString(token, cluster + "  user: {token: abc}\n");
    Path basic = dir.resolve("basic");
    Files.writeString(basic, cluster + "  user: {username: a, password: b}\n");

    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(certificatesOnly))).isFalse();
    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(token))).isTrue();
    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(basic))).isTrue();
    // A client without the token refresh still builds and keeps its configuration.
    try (KubernetesClient client = KubeconfigClients.create(certificatesOnly)) {
      assertThat(client.getMasterUrl().toString()).isEqualTo("https://127.0.0.1:6443/");
    }
  }
}

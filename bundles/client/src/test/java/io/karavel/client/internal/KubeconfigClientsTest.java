package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.KubeconfigUnavailableException;
import io.karavel.client.internal.fake.FakeLoopbackApiServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    Path certificatesOnly = TestKubeconfigs.write(dir.resolve("certificates-only"), "{}");
    Path token = TestKubeconfigs.write(dir.resolve("token"), "{token: abc}");
    Path basic = TestKubeconfigs.write(dir.resolve("basic"), "{username: a, password: b}");

    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(certificatesOnly))).isFalse();
    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(token))).isTrue();
    assertThat(KubeconfigClients.mayUseToken(KubeconfigClients.config(basic))).isTrue();
    // A client without the token refresh still builds and keeps its configuration.
    try (KubernetesClient client = KubeconfigClients.create(certificatesOnly)) {
      assertThat(client.getMasterUrl().toString()).isEqualTo("https://127.0.0.1:6443/");
    }
  }

  @Test
  void aLoopbackClientAsksPerRequestAndPresentsTheKubeconfigsCertificateChain() throws Exception {
    TestCertificates certificates = TestCertificates.generate(dir);
    Path kubeconfig =
        TestKubeconfigs.write(
            dir.resolve("kubeconfig"),
            "{client-certificate-data: %s, client-key-data: %s}"
                .formatted(certificates.certificateData(), certificates.keyData()));
    List<URI> asked = new CopyOnWriteArrayList<>();
    FakeLoopbackApiServer server =
        new FakeLoopbackApiServer()
            .answering(call -> call.answer(200, FakeLoopbackApiServer.namespace("n")));

    try (KubernetesClient client =
        KubeconfigClients.create(
            kubeconfig,
            url -> {
              asked.add(url);
              return server;
            })) {
      assertThat(client.getConfiguration().isOnlyHttpWatches()).isTrue();
      assertThat(client.namespaces().withName("n").get().getMetadata().getName()).isEqualTo("n");
      client.namespaces().withName("n").get();

      FakeLoopbackApiServer.Call call = server.next();
      assertThat(call.request().clientCertificates()).containsExactly(certificates.certificate());
      assertThat(call.header("Authorization")).isNull();
      assertThat(asked).hasSize(2).containsOnly(URI.create(TestKubeconfigs.SERVER + "/"));
    }
  }
}

package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  // Nothing listens there: kubectl's version dispatcher may probe it, and fails fast.
  private static final String SERVER = "https://127.0.0.1:1";

  @TempDir Path dir;

  private ClusterPki pki;

  @BeforeEach
  void setUp() throws IOException {
    pki = ClusterPki.loadOrCreate(dir.resolve("pki"), PkiOptions.defaults());
  }

  @Test
  void writtenKubeconfigReadsBackWithEmbeddedCredentials() throws Exception {
    Path file = dir.resolve("admin.kubeconfig");
    pki.writeAdminKubeconfig(file, SERVER);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String yaml = Files.readString(file);
    assertThat(yaml)
        .contains("certificate-authority-data:", "client-certificate-data:", "client-key-data:")
        .contains("current-context: kubernetes-admin@karavel")
        .doesNotContain("BEGIN");

    Kubeconfig config = Kubeconfig.read(file);
    assertThat(config.server()).isEqualTo(SERVER);
    assertThat(config.clusterName()).isEqualTo("karavel");
    assertThat(config.userName()).isEqualTo("kubernetes-admin");
    assertThat(config.contextName()).isEqualTo("kubernetes-admin@karavel");
    assertThat(config.certificateAuthorities()).containsExactly(pki.caCertificate());
    assertThat(config.clientIdentity().orElseThrow().certificate())
        .isEqualTo(pki.admin().certificate());
    assertThat(config.clientIdentity().orElseThrow().privateKey().getEncoded())
        .isEqualTo(pki.admin().privateKey().getEncoded());
    assertThat(config.token()).isEmpty();
    assertThat(config.insecureSkipTlsVerify()).isFalse();
  }

  @Test
  void filePathVariantsAreReadRelativeToTheKubeconfig() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(sub.resolve("ca.pem"), pki.caPem());
    Files.writeString(sub.resolve("me.crt"), pki.admin().certificatePem());
    Files.writeString(sub.resolve("me.key"), pki.admin().privateKeyPem());
    Path file = sub.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c1
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: ca.pem
        users:
        - name: u1
          user:
            client-certificate: me.crt
            client-key: %s
        contexts:
        - name: ctx
          context: {cluster: c1, user: u1, namespace: team-a}
        current-context: ctx
        """
            .formatted(sub.resolve("me.key")));

    Kubeconfig config = Kubeconfig.read(file);

    assertThat(config.certificateAuthorityPem()).contains(pki.caPem());
    assertThat(config.clientCertificatePem()).contains(pki.admin().certificatePem());
    assertThat(config.clientKeyPem()).contains(pki.admin().privateKeyPem());
    assertThat(config.namespace()).contains("team-a");
  }

  @Test
  void tokensAndNamedContexts() throws Exception {
    Files.writeString(dir.resolve("token.txt"), "from-file\n");
    String yaml =
        """
        clusters:
        - name: a
          cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
        users:
        - name: inline
          user: {token: abc.def}
        - name: filed
          user: {token: ignored, tokenFile: token.txt}
        contexts:
        - name: one
          context: {cluster: a, user: inline}
        - name: two
          context: {cluster: a, user: filed}
        - name: anonymous
          context: {cluster: a}
        current-context: one
        """;
    Path file = dir.resolve("kc");
    Files.writeString(file, yaml);

    assertThat(Kubeconfig.read(file).token()).contains("abc.def");
    assertThat(Kubeconfig.read(file).insecureSkipTlsVerify()).isTrue();
    assertThat(Kubeconfig.read(file, "two").token()).contains("from-file");
    Kubeconfig anonymous = Kubeconfig.read(file, "anonymous");
    assertThat(anonymous.token()).isEmpty();
    assertThat(anonymous.clientIdentity()).isEmpty();
    assertThat(anonymous.sslContext()).isNotNull();
    assertThatThrownBy(() -> Kubeconfig.read(file, "three"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("context \"three\" not found");
  }

  @Test
  void brokenKubeconfigsAreReportedNotGuessed() throws Exception {
    assertThatThrownBy(() -> Kubeconfig.parse("clusters: []\n", dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("current-context");
    assertThatThrownBy(
            () ->
                Kubeconfig.parse(
                    "current-context: x\ncontexts: [{name: x, context: {cluster: nope}}]\n", dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cluster \"nope\" not found");
    assertThatThrownBy(
            () ->
                Kubeconfig.parse(
                    """
                    current-context: x
                    contexts: [{name: x, context: {cluster: c, user: u}}]
                    clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                    users: [{name: u, user: {client-certificate-data: Zm9v}}]
                    """,
                    dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("without the matching key");
  }

  @Test
  void toYamlRoundTripsEveryField() throws Exception {
    Kubeconfig original =
        new Kubeconfig(
            "https://10.0.0.1:6443",
            "prod",
            "robot",
            "robot-ctx",
            Optional.of("ops"),
            Optional.of(pki.caPem()),
            Optional.empty(),
            Optional.empty(),
            Optional.of("s3cret"),
            false);

    assertThat(Kubeconfig.parse(original.toYaml(), dir)).isEqualTo(original);
  }

  @Test
  void kubectlReadsTheWrittenKubeconfig() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is installed");
    Path file = dir.resolve("admin.kubeconfig");
    pki.writeAdminKubeconfig(file, SERVER);

    assertThat(kubectl(file, "{.current-context} {.clusters[0].cluster.server} {.users[0].name}"))
        .isEqualTo("kubernetes-admin@karavel " + SERVER + " kubernetes-admin");
    String ca = kubectl(file, "{.clusters[0].cluster.certificate-authority-data}");
    String decoded =
        new String(java.util.Base64.getDecoder().decode(ca), StandardCharsets.US_ASCII);
    assertThat(decoded).isEqualTo(pki.caPem());
    String key = kubectl(file, "{.users[0].user.client-key-data}");
    assertThat(new String(java.util.Base64.getDecoder().decode(key), StandardCharsets.US_ASCII))
        .isEqualTo(pki.admin().privateKeyPem());
  }

  private String kubectl(Path kubeconfig, String jsonpath) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            KUBECTL.toString(),
            "config",
            "view",
            "--kubeconfig",
            kubeconfig.toString(),
            "--raw",
            "-o",
            "jsonpath=" + jsonpath));
    Path stderr = dir.resolve("kubectl.err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("HOME", dir.toString());
    builder.environment().remove("KUBECONFIG");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(() -> readQuietly(stderr)).isZero();
    return out.strip();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

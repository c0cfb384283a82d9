package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's configuration is fabric8's own for the kubeconfigs it reads itself. */
class KubeconfigReaderTest {
  @TempDir Path dir;

  private static final String CERTS =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: karavel
        cluster:
          server: https://127.0.0.1:6443
          certificate-authority: pki/ca.crt
      - name: other
        cluster:
          server: https://127.0.0.2:7443
          certificate-authority-data: Q0EgZGF0YQ==
      users:
      - name: admin
        user:
          client-certificate: pki/admin.crt
          client-key: /abs/admin.key
      - name: inline
        user:
          client-certificate-data: Y2VydA==
          client-key-data: a2V5
      contexts:
      - name: karavel-admin
        context: {cluster: karavel, user: admin, namespace: team-a}
      - name: other
        context: {cluster: other, user: inline}
      current-context: karavel-admin
      preferences: {}
      """;

  @Test
  void commonKubeconfigsAreReadHereAndGiveFabric8sConfiguration() throws Exception {
    String otherContext = CERTS.replace("current-context: karavel-admin", "current-context: other");
    String token =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}
        users:
        - name: u
          user: {token: abc}
        contexts:
        - name: x
          context: {cluster: c, user: u}
        current-context: x
        """;
    String basic = token.replace("{token: abc}", "{username: bob, password: secret}");
    String noContext = token.replace("current-context: x", "current-context: missing");
    for (String yaml : new String[] {CERTS, otherContext, token, basic, noContext}) {
      Path file = dir.resolve("kubeconfig-" + Integer.toHexString(yaml.hashCode()));
      Files.writeString(file, yaml);
      assertThat(KubeconfigReader.plain(yaml, file.toFile())).as(yaml).isPresent();
      assertThat(properties(KubeconfigReader.read(file)))
          .as(yaml)
          .isEqualTo(properties(Config.fromKubeconfig(file.toFile())));
    }
  }

  @Test
  void anyOtherFieldLeavesTheFileToFabric8() throws Exception {
    String exec =
        CERTS.replace(
            "  user:\n    client-certificate: pki/admin.crt\n    client-key: /abs/admin.key\n",
            "  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: echo}\n");
    String proxy =
        CERTS.replace(
            "server: https://127.0.0.2:7443",
            "server: https://127.0.0.2:7443\n    proxy-url: http://p:3128");
    String extensions = CERTS.replace("preferences: {}", "extensions: []");
    String numericVersion = CERTS.replace("apiVersion: v1", "apiVersion: 1");
    String notAFlag =
        CERTS.replace(
            "certificate-authority-data: Q0EgZGF0YQ==", "insecure-skip-tls-verify: yes please");
    for (String yaml :
        new String[] {
          exec, proxy, extensions, notAFlag, numericVersion, "[]", "clusters: [ broken"
        }) {
      assertThat(yaml).isNotEqualTo(CERTS);
      assertThat(KubeconfigReader.plain(yaml, dir.resolve("k").toFile())).as(yaml).isEmpty();
    }
    Path file = dir.resolve("proxy");
    Files.writeString(file, proxy);
    assertThat(KubeconfigReader.read(file).getHttpsProxy()).isNull(); // fabric8 read it: its rules
    assertThat(properties(KubeconfigReader.read(file)))
        .isEqualTo(properties(Config.fromKubeconfig(file.toFile())));
  }

  /** Every value a Config getter returns, by getter name, as text. */
  private static Map<String, String> properties(Object config) throws Exception {
    Map<String, String> values = new TreeMap<>();
    for (Method m : config.getClass().getMethods()) {
      boolean getter =
          (m.getName().startsWith("get") || m.getName().startsWith("is"))
              && m.getParameterCount() == 0
              && !Modifier.isStatic(m.getModifiers())
              && m.getDeclaringClass() != Object.class;
      if (getter) {
        values.put(m.getName(), text(m.invoke(config)));
      }
    }
    return values;
  }

  /** Arrays by content, objects without a toString of their own (RequestConfig) by getters. */
  private static String text(Object value) throws Exception {
    if (value == null) {
      return "null";
    }
    if (value.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {value});
    }
    if (value.getClass().getMethod("toString").getDeclaringClass() == Object.class) {
      return value.getClass().getName() + properties(value);
    }
    return value.toString();
  }
}

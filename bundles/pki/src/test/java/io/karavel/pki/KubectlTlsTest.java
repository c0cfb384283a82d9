package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl (Go's TLS stack) against a loopback HTTPS server using the serving stores, with the admin
 * kubeconfig: proves the ECDSA certificates, the SANs and the kubeconfig work for Go too.
 */
class KubectlTlsTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.9-karavel-test\","
          + "\"gitCommit\":\"0\",\"gitTreeState\":\"clean\",\"buildDate\":\"2025-01-01T00:00:00Z\","
          + "\"goVersion\":\"go1.23\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";

  @TempDir Path dir;

  @Test
  void kubectlTalksMutualTlsWithTheAdminKubeconfig() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is installed");
    ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), PkiOptions.defaults());
    List<String> clients = new CopyOnWriteArrayList<>();
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(pki.servingTls().sslContext()) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/version",
        exchange -> {
          var session = ((HttpsExchange) exchange).getSSLSession();
          clients.add(
              ((java.security.cert.X509Certificate) session.getPeerCertificates()[0])
                  .getSubjectX500Principal()
                  .getName());
          byte[] body = VERSION.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      Path kubeconfig = dir.resolve("admin.kubeconfig");
      pki.writeAdminKubeconfig(kubeconfig, "https://127.0.0.1:" + server.getAddress().getPort());

      Path stderr = dir.resolve("kubectl.err");
      ProcessBuilder builder =
          new ProcessBuilder(
                  KUBECTL.toString(),
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "version",
                  "-o",
                  "json")
              .redirectError(stderr.toFile());
      builder.environment().put("HOME", dir.toString());
      Process p = builder.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(() -> out + read(stderr)).isZero();
      assertThat(out).contains("v1.32.9-karavel-test");
      assertThat(clients).isNotEmpty().containsOnly("CN=kubernetes-admin,O=system:masters");
    } finally {
      server.stop(0);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}

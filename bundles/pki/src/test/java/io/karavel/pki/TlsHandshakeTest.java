package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS 1.3 handshakes on loopback between the serving stores and client contexts. */
class TlsHandshakeTest {

  @TempDir Path dir;

  private ClusterPki pki;
  private ClusterPki foreign;

  @BeforeEach
  void setUp() throws IOException {
    pki = ClusterPki.loadOrCreate(dir.resolve("cluster"), PkiOptions.defaults());
    foreign = ClusterPki.loadOrCreate(dir.resolve("foreign"), PkiOptions.defaults());
  }

  @Test
  void adminClientAuthenticatesToTheServer() throws Exception {
    Outcome outcome = handshake(pki.servingTls().sslContext(), pki.adminSslContext(), "127.0.0.1");

    assertThat(outcome.clientError).isNull();
    assertThat(outcome.server.get(10, TimeUnit.SECONDS).getSubjectX500Principal().getName())
        .isEqualTo("CN=kubernetes-admin,O=system:masters");
  }

  @Test
  void clientCertificateFromAnotherCaIsRejectedByTheServer() throws Exception {
    Outcome outcome =
        handshake(pki.servingTls().sslContext(), clientOfForeignCaTrustingCluster(), "127.0.0.1");

    assertThat(outcome.serverError()).isInstanceOf(SSLHandshakeException.class);
    assertThat(outcome.clientError).isInstanceOf(IOException.class);
  }

  @Test
  void clientWithoutCertificateIsRejectedByTheServer() throws Exception {
    SSLContext anonymous =
        TlsStores.of(java.util.Optional.empty(), java.util.List.of(pki.caCertificate()))
            .sslContext();
    Outcome outcome = handshake(pki.servingTls().sslContext(), anonymous, "127.0.0.1");

    assertThat(outcome.serverError()).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void clientRejectsAServerOfAnotherCa() throws Exception {
    Outcome outcome =
        handshake(foreign.servingTls().sslContext(), pki.adminSslContext(), "127.0.0.1");

    assertThat(outcome.clientError).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void clientRejectsAnAddressMissingFromTheServingCertificate() throws Exception {
    // 127.0.0.2 is loopback too, but not among the certificate's IP addresses.
    Outcome outcome = handshake(pki.servingTls().sslContext(), pki.adminSslContext(), "127.0.0.2");

    assertThat(outcome.clientError)
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("127.0.0.2");
  }

  @Test
  void kubeconfigCredentialsAuthenticateToo() throws Exception {
    Path file = dir.resolve("admin.kubeconfig");
    pki.writeAdminKubeconfig(file, "https://127.0.0.1:6443");

    Outcome outcome =
        handshake(pki.servingTls().sslContext(), Kubeconfig.read(file).sslContext(), "127.0.0.1");

    assertThat(outcome.clientError).isNull();
    assertThat(outcome.server.get(10, TimeUnit.SECONDS)).isEqualTo(pki.admin().certificate());
  }

  private SSLContext clientOfForeignCaTrustingCluster() {
    return TlsStores.of(
            java.util.Optional.of(foreign.admin()), java.util.List.of(pki.caCertificate()))
        .sslContext();
  }

  /** The server's view (peer leaf certificate or failure) and the client's failure, if any. */
  private record Outcome(CompletableFuture<X509Certificate> server, Exception clientError) {
    Throwable serverError() throws InterruptedException {
      try {
        server.get(10, TimeUnit.SECONDS);
        return null;
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      } catch (java.util.concurrent.TimeoutException e) {
        return e;
      }
    }
  }

  private static Outcome handshake(SSLContext serverContext, SSLContext clientContext, String host)
      throws Exception {
    InetAddress address = InetAddress.getByName(host);
    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, address)) {
      server.setNeedClientAuth(true);
      CompletableFuture<X509Certificate> seen = new CompletableFuture<>();
      Thread acceptor =
          new Thread(
              () -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  seen.complete((X509Certificate) s.getSession().getPeerCertificates()[0]);
                  s.getOutputStream().write(42);
                  s.getOutputStream().flush();
                } catch (Exception e) {
                  seen.completeExceptionally(e);
                }
              });
      acceptor.start();
      Exception clientError = null;
      try (SSLSocket client =
          (SSLSocket) clientContext.getSocketFactory().createSocket(host, server.getLocalPort())) {
        client.setSoTimeout(10_000);
        SSLParameters params = client.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(params);
        client.startHandshake();
        // With TLS 1.3 the server judges the client certificate after the client has finished.
        if (client.getInputStream().read() != 42) {
          throw new SSLException("server closed the connection");
        }
      } catch (IOException e) {
        clientError = e;
      }
      acceptor.join(10_000);
      return new Outcome(seen, clientError);
    }
  }
}

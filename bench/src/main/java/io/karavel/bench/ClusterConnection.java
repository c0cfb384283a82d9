package io.karavel.bench;

import io.karavel.pki.Kubeconfig;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The server URL and TLS identity of a kubeconfig, and HTTP clients that use them. */
record ClusterConnection(String server, SSLContext ssl) {

  static ClusterConnection fromKubeconfig(Path file) throws Exception {
    Kubeconfig k = Kubeconfig.read(file);
    return new ClusterConnection(k.server(), k.sslContext());
  }

  /** A client with its own connection: HTTP/2 over TLS, or HTTP/1.1 over TLS. */
  HttpClient newClient(boolean http1) {
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10))
        .version(http1 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .build();
  }
}

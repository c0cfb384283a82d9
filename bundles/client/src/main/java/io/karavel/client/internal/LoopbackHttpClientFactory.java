package io.karavel.client.internal;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * fabric8 HTTP clients that reach an API server in the same framework in-process and any other over
 * HTTPS (see {@link LoopbackHttpClient}).
 */
final class LoopbackHttpClientFactory implements HttpClient.Factory {

  private final Supplier<LoopbackApiServer> loopback;
  private final List<X509Certificate> clientCertificates;
  private final JdkHttpClientFactory https = new JdkHttpClientFactory();

  /**
   * @param loopback asked before each request: the API server in this framework that serves the
   *     client's URL, or null to send the request over HTTPS
   * @param clientCertificates the chain the client presents in TLS, leaf first; empty for none
   */
  LoopbackHttpClientFactory(
      Supplier<LoopbackApiServer> loopback, List<X509Certificate> clientCertificates) {
    this.loopback = loopback;
    this.clientCertificates = List.copyOf(clientCertificates);
  }

  @Override
  public LoopbackHttpClientBuilder newBuilder() {
    return new LoopbackHttpClientBuilder(this);
  }

  Supplier<LoopbackApiServer> loopback() {
    return loopback;
  }

  List<X509Certificate> clientCertificates() {
    return clientCertificates;
  }

  JdkHttpClientFactory https() {
    return https;
  }
}

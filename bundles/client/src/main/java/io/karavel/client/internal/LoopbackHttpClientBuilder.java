package io.karavel.client.internal;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds a {@link LoopbackHttpClient} and, from the same settings, the JDK client it sends HTTPS
 * requests with. Interceptors stay with the loopback client, which applies them to every request
 * whichever transport carries it; the JDK client is only called below them.
 */
final class LoopbackHttpClientBuilder
    extends StandardHttpClientBuilder<
        LoopbackHttpClient, LoopbackHttpClientFactory, LoopbackHttpClientBuilder> {

  LoopbackHttpClientBuilder(LoopbackHttpClientFactory factory) {
    super(factory);
  }

  @Override
  public LoopbackHttpClient build() {
    if (client != null) {
      // A derived client (other tags or interceptors): same transport, closed together.
      return new LoopbackHttpClient(this, client.transport(), client.getClosed());
    }
    if (proxyType == HttpClient.ProxyType.HTTP && proxyAddress != null) {
      // The JDK builder adds this to its own interceptors, which its direct calls skip.
      addProxyAuthInterceptor();
    }
    LoopbackTransport transport =
        new LoopbackTransport(
            clientFactory.loopback(), clientFactory.clientCertificates(), https());
    return new LoopbackHttpClient(this, transport, new AtomicBoolean());
  }

  private StandardHttpClient<?, ?, ?> https() {
    HttpClient.Builder https = ((HttpClient.Factory) clientFactory.https()).newBuilder();
    if (connectTimeout != null) {
      https.connectTimeout(connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (sslContext != null) {
      https.sslContext(keyManagers, trustManagers);
    }
    if (followRedirects) {
      https.followAllRedirects();
    }
    if (preferHttp11) {
      https.preferHttp11();
    }
    if (tlsVersions != null) {
      https.tlsVersions(tlsVersions);
    }
    if (authenticatorNone) {
      https.authenticatorNone();
    }
    https.proxyType(proxyType);
    if (proxyAddress != null) {
      https.proxyAddress(proxyAddress);
    }
    if (proxyAuthorization != null) {
      https.proxyAuthorization(proxyAuthorization);
    }
    return (StandardHttpClient<?, ?, ?>) https.build();
  }

  @Override
  protected LoopbackHttpClientBuilder newInstance(LoopbackHttpClientFactory factory) {
    return new LoopbackHttpClientBuilder(factory);
  }
}

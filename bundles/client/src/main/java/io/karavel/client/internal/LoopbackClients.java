package io.karavel.client.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.karavel.client.LoopbackEndpoint;

/**
 * Builds fabric8 clients for the in-process API server's loopback listener: plain HTTP/1.1 (the JDK
 * client told to prefer HTTP/1.1, so it neither negotiates TLS nor tries an h2c upgrade) with the
 * listener's bearer token.
 */
final class LoopbackClients {
  private LoopbackClients() {}

  static Config config(LoopbackEndpoint endpoint) {
    Config config = Config.empty();
    config.setMasterUrl(endpoint.url().toString());
    config.setOauthToken(endpoint.token());
    config.setHttp2Disable(true);
    return config;
  }

  static KubernetesClient create(LoopbackEndpoint endpoint) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // As in KubeconfigClients: the builder looks its implementation up through this loader.
    thread.setContextClassLoader(LoopbackClients.class.getClassLoader());
    String bearer = "Bearer " + endpoint.token();
    try {
      return new KubernetesClientBuilder()
          .withConfig(config(endpoint))
          .withHttpClientFactory(new JdkHttpClientFactory())
          .withHttpClientBuilderConsumer(
              b -> {
                b.preferHttp11();
                // fabric8's token refresh interceptor is what sets the bearer header; the token
                // lives as long as the listener, so this one only sets it, without re-reading
                // configuration files or retrying 401s.
                b.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, new BearerToken(bearer));
              })
          .build();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Sets the loopback listener's bearer token on every request and WebSocket handshake. */
  private record BearerToken(String header) implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      builder.setHeader(TokenRefreshInterceptor.AUTHORIZATION, header);
    }

    @Override
    public String toString() {
      return "BearerToken[loopback]";
    }
  }
}

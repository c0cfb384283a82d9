package io.karavel.client.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.client.KubeconfigUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/** Builds fabric8 clients from a kubeconfig file, the same way inside and outside OSGi. */
public final class KubeconfigClients {
  private KubeconfigClients() {}

  /**
   * The configuration of the kubeconfig's current context, with the client key's algorithm read
   * from the key (fabric8 would take a PKCS#8 EC key for RSA).
   */
  public static Config config(Path kubeconfig) {
    Config config;
    try {
      config = KubeconfigReader.read(kubeconfig);
    } catch (IOException e) {
      throw new KubeconfigUnavailableException("cannot read " + kubeconfig + ": " + e, e);
    }
    ClientKeys.algorithm(config).ifPresent(config::setClientKeyAlgo);
    return config;
  }

  /**
   * Whether requests with this configuration can carry a bearer token (a token, a token provider,
   * an auth provider, exec credentials or basic auth). When none can, fabric8's token refresh
   * interceptor is useless and costly: having no token to mark a refresh as done, it reads and
   * parses the kubeconfig file again before every request once the client is a minute old.
   */
  static boolean mayUseToken(Config config) {
    return notEmpty(config.getOauthToken())
        || notEmpty(config.getAutoOAuthToken())
        || config.getOauthTokenProvider() != null
        || config.getAuthProvider() != null
        || notEmpty(config.getUsername());
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /**
   * A client for the kubeconfig's current context. Only the file counts: fabric8's auto
   * configuration (environment, {@code ~/.kube/config}, service account) is not consulted. The JDK
   * HTTP client factory is passed explicitly, since fabric8's ServiceLoader look-up depends on the
   * thread's context class loader.
   */
  public static KubernetesClient create(Path kubeconfig) {
    return create(kubeconfig, null);
  }

  /**
   * A client for the kubeconfig's current context that reaches an API server in this framework
   * in-process. Before each request it asks {@code loopback} for the API server that serves the
   * kubeconfig's server URL: when there is one, the request goes to it directly, with the
   * kubeconfig's client certificate chain and the same headers as over HTTPS; otherwise, and for
   * websockets, it goes over HTTPS as with {@link #create(Path)}. Watches are made as streaming
   * GETs so that they take the loopback path too.
   *
   * @param loopback gives, for a server URL, the loopback API server that serves it, or null; a
   *     null function gives {@link #create(Path)}'s client
   */
  public static KubernetesClient create(
      Path kubeconfig, Function<URI, LoopbackApiServer> loopback) {
    try {
      return build(kubeconfig, loopback);
    } catch (GeneralSecurityException | IOException e) {
      throw new KubeconfigUnavailableException(
          "cannot build a client from " + kubeconfig + ": " + e.getMessage(), e);
    }
  }

  private static KubernetesClient build(Path kubeconfig, Function<URI, LoopbackApiServer> loopback)
      throws GeneralSecurityException, IOException {
    if (!Files.isRegularFile(kubeconfig)) {
      throw new KubeconfigUnavailableException("kubeconfig " + kubeconfig + " does not exist");
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // KubernetesClientBuilder loads its implementation class through the context class loader
    // first; under OSGi that loader may be any bundle's, so point it at this bundle.
    thread.setContextClassLoader(KubeconfigClients.class.getClassLoader());
    try {
      Config config = KubeconfigReader.read(kubeconfig);
      KeyManager[] keyManagers = ClientKeys.keyManagers(config).orElse(null);
      if (keyManagers == null) {
        // fabric8 builds the key store: tell it the algorithm of a PKCS#8 key (see config()).
        ClientKeys.algorithm(config).ifPresent(config::setClientKeyAlgo);
      }
      HttpClient.Factory factory = new JdkHttpClientFactory();
      if (loopback != null) {
        URI server = URI.create(config.getMasterUrl());
        factory =
            new LoopbackHttpClientFactory(
                () -> loopback.apply(server), ClientKeys.certificateChain(config));
        // Watches as streaming GETs: a websocket always goes over HTTPS.
        config.setOnlyHttpWatches(true);
      }
      KubernetesClientBuilder builder =
          new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(factory);
      if (loopback != null) {
        // Informer work for a loopback watch stays on the thread delivering its frames.
        builder.withTaskExecutorSupplier(LoopbackTaskExecutor.supplier());
      }
      boolean tokens = mayUseToken(config);
      TrustManager[] trustManagers = null;
      if (keyManagers != null) {
        trustManagers = SSLUtils.trustManagers(config);
        // fabric8 would build its own key store from these: the consumer below sets ours.
        config.setClientCertData(null);
        config.setClientCertFile(null);
        config.setClientKeyData(null);
        config.setClientKeyFile(null);
      }
      TrustManager[] trust = trustManagers;
      builder.withHttpClientBuilderConsumer(
          b -> {
            if (!tokens) {
              // Client certificates only: the token refresh interceptor has nothing to do.
              b.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, new Interceptor() {});
            }
            if (keyManagers != null) {
              b.sslContext(keyManagers, trust);
            }
          });
      return builder.build();
    } catch (RuntimeException e) {
      if (e instanceof KubeconfigUnavailableException) {
        throw e;
      }
      throw new KubeconfigUnavailableException(
          "cannot build a client from " + kubeconfig + ": " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}

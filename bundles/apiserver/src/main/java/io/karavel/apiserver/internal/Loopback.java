package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process transport: requests from components in the same framework go through the same
 * handler chain as HTTPS ones, without TLS, HTTP/2 framing, sockets or the selector and executor
 * hand-offs of both ends. A client certificate chain is verified against the cluster CA as the TLS
 * handshake would (nothing proves possession of its key: the caller runs in this process).
 */
final class Loopback implements LoopbackApiServer {

  private static final Logger LOG = LoggerFactory.getLogger(Loopback.class);

  /** Verified leaf certificates kept at most (the in-process clients present one or two). */
  static final int VERIFIED_CACHE_SIZE = 64;

  private final ApiHandler handler;
  private final Metrics metrics;
  private final int port;
  private final Set<String> hosts;
  private final X509TrustManager trust;
  private final Map<X509Certificate, Boolean> verified = new ConcurrentHashMap<>();
  private final Set<LoopbackWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param hosts the host names of a kubeconfig URL that name this server (besides the loopback
   *     addresses), lower case
   */
  Loopback(ApiHandler handler, Metrics metrics, int port, Set<String> hosts, KeyStore trustStore) {
    this.handler = handler;
    this.metrics = metrics;
    this.port = port;
    this.hosts = Set.copyOf(hosts);
    this.trust = trustManager(trustStore);
  }

  private static X509TrustManager trustManager(KeyStore trustStore) {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
      f.init(trustStore);
      for (TrustManager m : f.getTrustManagers()) {
        if (m instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X.509 trust manager for the cluster CA");
    } catch (NoSuchAlgorithmException | KeyStoreException e) {
      throw new IllegalStateException("cannot trust the cluster CA: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean serves(URI server) {
    if (server == null || !"https".equalsIgnoreCase(server.getScheme())) {
      return false;
    }
    int p = server.getPort() < 0 ? 443 : server.getPort();
    String host = server.getHost();
    if (p != port || host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1")
        || hosts.contains(host);
  }

  @Override
  public void serve(LoopbackRequest request, LoopbackResponse response) {
    if (closed) {
      response.fail(new IOException("the API server has stopped"));
      return;
    }
    metrics.loopbackRequest();
    Exchange ex;
    try {
      ex = new Exchange(new LoopbackWire(request, response, verifiedChain(request), this));
    } catch (IllegalArgumentException e) {
      // A query Jetty would refuse (bad percent-encoding): the same 400, as a Status.
      LoopbackWire.refuse(response, ApiException.badRequest("bad query: " + e.getMessage()));
      return;
    }
    handler.serve(ex);
  }

  /** The request's chain when the cluster CA vouches for it, else empty (then it is anonymous). */
  private List<X509Certificate> verifiedChain(LoopbackRequest request) {
    List<X509Certificate> chain = request.clientCertificates();
    if (chain.isEmpty()) {
      return chain;
    }
    X509Certificate leaf = chain.get(0);
    if (verified.containsKey(leaf)) {
      try {
        leaf.checkValidity();
        return chain;
      } catch (CertificateException e) {
        verified.remove(leaf);
        return List.of();
      }
    }
    try {
      trust.checkClientTrusted(
          chain.toArray(X509Certificate[]::new), leaf.getPublicKey().getAlgorithm());
    } catch (CertificateException e) {
      LOG.debug("loopback client certificate refused", e);
      return List.of();
    }
    if (verified.size() >= VERIFIED_CACHE_SIZE) {
      verified.clear();
    }
    verified.put(leaf, Boolean.TRUE);
    return chain;
  }

  void opened(LoopbackWatch watch) {
    watches.add(watch);
    if (closed) {
      watch.fail(new IOException("the API server has stopped"));
    }
  }

  void closed(LoopbackWatch watch) {
    watches.remove(watch);
  }

  int openWatches() {
    return watches.size();
  }

  /** Refuses new requests and ends the open watches (their clients watch again elsewhere). */
  void close() {
    closed = true;
    for (LoopbackWatch w : List.copyOf(watches)) {
      w.fail(new IOException("the API server has stopped"));
    }
  }
}

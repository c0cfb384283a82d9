package io.karavel.apiserver.internal;

import java.security.KeyStore;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTPS listener: TLS with optional client certificates verified against the cluster CA, ALPN
 * choosing HTTP/2 or HTTP/1.1.
 */
final class JettyServer {

  /** The serving key pair and chain, and the CA that client certificates must chain to. */
  record Tls(KeyStore keyStore, char[] password, KeyStore trustStore) {}

  private final Server server;
  private final ServerConnector connector;

  JettyServer(String host, int port, Tls tls, Handler handler) {
    QueuedThreadPool pool = new QueuedThreadPool(600, 8);
    pool.setName("karavel-apiserver");
    pool.setDaemon(true);
    server = new Server(pool);
    server.setStopTimeout(5000);

    HttpConfiguration http = new HttpConfiguration();
    http.setSecureScheme("https");
    http.setSecurePort(port);
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
    http.addCustomizer(secure);

    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
    h2.setMaxConcurrentStreams(1000);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(h1.getProtocol());

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(tls.password()));
    ssl.setTrustStore(tls.trustStore());
    ssl.setWantClientAuth(true);
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ssl.setSniRequired(false);

    SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, alpn.getProtocol());
    connector = new ServerConnector(server, 1, 1, tlsFactory, alpn, h2, h1);
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(120_000);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(handler);
  }

  void start() throws Exception {
    server.start();
  }

  void stop() throws Exception {
    server.stop();
  }

  int port() {
    return connector.getLocalPort();
  }
}

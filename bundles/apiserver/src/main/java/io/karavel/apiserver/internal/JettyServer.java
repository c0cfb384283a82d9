package io.karavel.apiserver.internal;

import java.security.KeyStore;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTPS listener: TLS with optional client certificates verified against the cluster CA, ALPN
 * choosing HTTP/2 or HTTP/1.1; and, if asked, the loopback listener for in-process clients:
 * cleartext HTTP/1.1 on {@code 127.0.0.1} only, serving the same handler.
 */
final class JettyServer {

  /** The serving key pair and chain, and the CA that client certificates must chain to. */
  record Tls(KeyStore keyStore, char[] password, KeyStore trustStore) {}

  /** The name of the loopback connector, by which the handler recognises its requests. */
  static final String LOOPBACK = "karavel-loopback";

  static final String LOOPBACK_HOST = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector loopback;

  /**
   * @param loopbackPort port of the loopback listener (0: any free one), or negative for none
   */
  JettyServer(String host, int port, Tls tls, Handler handler, int loopbackPort) {
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

    if (loopbackPort >= 0) {
      // No TLS, no HTTP/2 (nor h2c): in-process clients pay neither encryption nor framing.
      HttpConfiguration plain = new HttpConfiguration();
      plain.setSendServerVersion(false);
      plain.setSendDateHeader(true);
      loopback = new ServerConnector(server, 1, 1, new HttpConnectionFactory(plain));
      loopback.setName(LOOPBACK);
      loopback.setHost(LOOPBACK_HOST);
      loopback.setPort(loopbackPort);
      loopback.setIdleTimeout(120_000);
      loopback.setAcceptQueueSize(1024);
      server.addConnector(loopback);
    } else {
      loopback = null;
    }
    server.setHandler(handler);
  }

  /** Whether the request came in on the loopback listener. */
  static boolean onLoopback(Request request) {
    return LOOPBACK.equals(request.getConnectionMetaData().getConnector().getName());
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

  /** The loopback listener's bound port, or -1 without one. */
  int loopbackPort() {
    return loopback == null ? -1 : loopback.getLocalPort();
  }
}

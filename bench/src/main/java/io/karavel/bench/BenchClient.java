package io.karavel.bench;

import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * One benchmark client: Jetty's HTTP client on one TLS connection (HTTP/2, or HTTP/1.1). Jetty's
 * client costs a fraction of the CPU of the JDK's per request, which matters when the harness and
 * the server share two cores: the figures are then the server's, not the harness's.
 */
final class BenchClient implements AutoCloseable {

  /** A request to send: method, URL and body. */
  static final class Req {
    final String url;
    String method = "GET";
    byte[] body;

    Req(String url) {
      this.url = url;
    }

    Req GET() {
      method = "GET";
      return this;
    }

    Req DELETE() {
      method = "DELETE";
      return this;
    }

    Req withBody(String json) {
      body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    Req POST(byte[] b) {
      method = "POST";
      body = b;
      return this;
    }

    Req PUT(byte[] b) {
      method = "PUT";
      body = b;
      return this;
    }

    Req build() {
      return this;
    }
  }

  /** A complete response. */
  record Reply(String method, String uri, int statusCode, byte[] body) {}

  private final HttpClient client;

  BenchClient(SSLContext ssl, boolean http1, Executor executor) throws Exception {
    SslContextFactory.Client tls = new SslContextFactory.Client();
    tls.setSslContext(ssl);
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(tls);
    connector.setSelectors(1);
    connector.setExecutor(executor);
    HttpClientTransport transport =
        http1
            ? new HttpClientTransportOverHTTP(connector)
            : new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
    client = new HttpClient(transport);
    client.setExecutor(executor);
    client.setMaxConnectionsPerDestination(1);
    client.setMaxRequestsQueuedPerDestination(100_000);
    client.setUserAgentField(null);
    client.start();
  }

  Reply send(Req r) throws Exception {
    Request request = prepare(r).timeout(60, TimeUnit.SECONDS);
    // Lists of every object run to megabytes; the default buffer is 2 MiB.
    ContentResponse resp = new CompletableResponseListener(request, 256 << 20).send().get();
    return new Reply(r.method, r.url, resp.getStatus(), resp.getContent());
  }

  /** Opens a streaming GET (a watch) and returns its body once the headers have arrived. */
  InputStream stream(String url) throws Exception {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    prepare(new Req(url))
        .timeout(10, TimeUnit.MINUTES)
        .idleTimeout(10, TimeUnit.MINUTES)
        .send(listener);
    Response resp = listener.get(30, TimeUnit.SECONDS);
    if (resp.getStatus() != 200) {
      throw new IllegalStateException("GET " + url + " -> " + resp.getStatus());
    }
    return listener.getInputStream();
  }

  private Request prepare(Req r) {
    Request request =
        client
            .newRequest(r.url)
            .method(r.method)
            .headers(h -> h.put(HttpHeader.ACCEPT, "application/json"));
    if (r.body != null) {
      request.body(new BytesRequestContent("application/json", r.body));
    }
    return request;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}

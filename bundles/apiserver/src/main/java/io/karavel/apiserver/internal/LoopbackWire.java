package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/** An exchange over the loopback transport: a {@link LoopbackRequest} and its response. */
final class LoopbackWire implements Wire {

  private final LoopbackRequest request;
  private final LoopbackResponse response;
  private final List<X509Certificate> chain;
  private final Loopback owner;
  private final HttpURI uri;
  private final Map<String, List<String>> headers;

  /**
   * @param chain the request's certificate chain once verified, or empty
   * @throws IllegalArgumentException for a path and query that cannot be parsed
   */
  LoopbackWire(
      LoopbackRequest request,
      LoopbackResponse response,
      List<X509Certificate> chain,
      Loopback owner) {
    this.request = request;
    this.response = response;
    this.chain = chain;
    this.owner = owner;
    this.uri = HttpURI.from(request.pathAndQuery());
    if (uri.getDecodedPath() == null) {
      throw new IllegalArgumentException("no path in " + request.pathAndQuery());
    }
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(request.headers());
    this.headers = h;
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    return uri.getDecodedPath();
  }

  @Override
  public Fields query() {
    Fields fields = new Fields();
    String q = uri.getQuery();
    if (q != null && !q.isEmpty()) {
      UrlEncoded.decodeUtf8To(q, fields);
    }
    return fields;
  }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public long contentLength() {
    return request.body().length;
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(request.body());
  }

  @Override
  public List<X509Certificate> clientCertificates() {
    return chain;
  }

  @Override
  public String remoteAddress() {
    return "127.0.0.1";
  }

  @Override
  public void keepAlive() {
    // No connection, no idle timeout.
  }

  @Override
  public void respond(
      int status, String contentType, List<String> warnings, String retryAfter, byte[] body) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Content-Type", List.of(contentType));
    h.put("Cache-Control", List.of("no-cache, private"));
    if (retryAfter != null) {
      h.put("Retry-After", List.of(retryAfter));
    }
    if (!warnings.isEmpty()) {
      h.put("Warning", List.copyOf(warnings));
    }
    h.put("Content-Length", List.of(Integer.toString(body.length)));
    response.head(status, h);
    if (body.length > 0) {
      response.body(ByteBuffer.wrap(body));
    }
    response.end();
  }

  @Override
  public WatchSink openWatch(Runnable onClose) {
    LoopbackWatch watch = new LoopbackWatch(response, onClose, owner);
    owner.opened(watch);
    watch.listenForCancel();
    return watch;
  }

  /** Answers a request refused before it became an exchange. */
  static void refuse(LoopbackResponse response, ApiException e) {
    byte[] body = Json.bytes(Statuses.failure(e));
    response.head(
        e.code(),
        Map.of(
            "Content-Type",
            List.of(MediaTypes.JSON),
            "Content-Length",
            List.of(Integer.toString(body.length))));
    response.body(ByteBuffer.wrap(body));
    response.end();
  }
}

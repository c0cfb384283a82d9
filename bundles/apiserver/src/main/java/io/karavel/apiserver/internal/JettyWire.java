package io.karavel.apiserver.internal;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** An exchange over HTTPS: Jetty's request, response and completion callback. */
final class JettyWire implements Wire {

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final WebSocketWatches webSockets;

  JettyWire(Request request, Response response, Callback callback, WebSocketWatches webSockets) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.webSockets = webSockets;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return request.getHttpURI().getDecodedPath();
  }

  @Override
  public Fields query() {
    return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
  }

  @Override
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  @Override
  public long contentLength() {
    return request.getLength();
  }

  @Override
  public InputStream body() {
    return Content.Source.asInputStream(request);
  }

  @Override
  public List<X509Certificate> clientCertificates() {
    // Verified against the cluster CA by the TLS handshake.
    Object ssl = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    if (ssl instanceof EndPoint.SslSessionData data && data.peerCertificates() != null) {
      return List.of(data.peerCertificates());
    }
    return List.of();
  }

  @Override
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  @Override
  public void keepAlive() {
    request.addIdleTimeoutListener(t -> false);
  }

  @Override
  public void respond(
      int status, String contentType, List<String> warnings, String retryAfter, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put("Cache-Control", "no-cache, private");
    if (retryAfter != null) {
      response.getHeaders().put("Retry-After", retryAfter);
    }
    for (String w : warnings) {
      response.getHeaders().add("Warning", w);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public WatchSink openWatch(Runnable onClose) {
    WatchSink upgraded =
        webSockets.isUpgrade(request)
            ? webSockets.upgrade(request, response, callback, onClose)
            : null;
    WatchSink stream =
        upgraded != null ? upgraded : new WatchStream(response, callback, MediaTypes.JSON, onClose);
    request.addFailureListener(stream::fail);
    return stream;
  }
}

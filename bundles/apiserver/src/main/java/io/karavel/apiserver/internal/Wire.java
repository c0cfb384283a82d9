package io.karavel.apiserver.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.util.Fields;

/**
 * What an {@link Exchange} arrived on: an HTTPS connection ({@link JettyWire}) or the in-process
 * loopback transport ({@link LoopbackWire}). Everything above it (authentication, limits,
 * authorization, admission, storage, watches) is the same for both.
 */
interface Wire {

  String method();

  /** The decoded path. */
  String path();

  /** The query parameters, decoded. */
  Fields query();

  /** A request header, or null. */
  String header(String name);

  /** The declared body length, or -1 when not declared. */
  long contentLength();

  /** The request body. */
  InputStream body() throws IOException;

  /** The client certificate chain, verified against the cluster CA, leaf first; or empty. */
  List<X509Certificate> clientCertificates();

  String remoteAddress();

  /** A watch has no idle timeout. */
  void keepAlive();

  /**
   * Writes the whole answer and completes the exchange. Called at most once per exchange.
   *
   * @param retryAfter the {@code Retry-After} value, or null
   */
  void respond(
      int status, String contentType, List<String> warnings, String retryAfter, byte[] body);

  /**
   * Answers 200 with a stream of watch frames, or upgrades to a WebSocket when the request asks for
   * one. {@code onClose} runs once when the stream ends for any reason.
   */
  WatchSink openWatch(Runnable onClose);
}

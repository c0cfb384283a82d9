package io.karavel.apiserver.spi.loopback;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An API server that serves requests from code in the same framework without a network connection.
 * Registered as an OSGi service by the API server while it serves.
 *
 * <p>The certificate chain of a request is taken as presented: nothing proves that the caller holds
 * its key, as a TLS handshake would. The service is for code in the same framework, which can read
 * the cluster's keys anyway; it is never reachable from outside the process.
 */
@ProviderType
public interface LoopbackApiServer {

  /**
   * Whether this is the API server at {@code server}, the URL a kubeconfig names (scheme, host and
   * port; the path is ignored). A client uses the loopback transport only for its own server.
   */
  boolean serves(URI server);

  /**
   * Serves one request. The answer reaches {@code response}: status and headers once, then the body
   * in pieces, then its end or a failure. A short request is usually answered before this method
   * returns, on the calling thread; a watch is answered for as long as it runs, from the server's
   * threads. Never throws for a request the server refuses: a refusal is an answer (a {@code
   * Status} with its code).
   */
  void serve(LoopbackRequest request, LoopbackResponse response);
}

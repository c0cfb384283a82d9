package io.karavel.apiserver.spi.loopback;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One request as it would go over HTTP.
 *
 * @param method the HTTP method, upper case
 * @param pathAndQuery the raw (still percent-encoded) path and query of the request URI, such as
 *     {@code /api/v1/namespaces/default/pods?watch=true}
 * @param headers request headers; names are matched without regard to case
 * @param body the request body, empty when there is none
 * @param clientCertificates the chain the client would present in TLS, leaf first; empty for none
 */
public record LoopbackRequest(
    String method,
    String pathAndQuery,
    Map<String, List<String>> headers,
    byte[] body,
    List<X509Certificate> clientCertificates) {

  public LoopbackRequest {
    headers = Map.copyOf(headers);
    clientCertificates = List.copyOf(clientCertificates);
    body = body == null ? new byte[0] : body;
  }
}

package io.karavel.apiserver.spi.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What an {@link Authenticator} may look at in a request. */
public interface AuthenticationRequest {

  /** The first value of a request header. */
  Optional<String> header(String name);

  /** The verified client certificate chain (leaf first), empty if none was presented. */
  List<X509Certificate> clientCertificates();

  /** The peer's address. */
  String remoteAddress();
}

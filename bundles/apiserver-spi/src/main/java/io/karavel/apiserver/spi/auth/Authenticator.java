package io.karavel.apiserver.spi.auth;

import java.util.Optional;

/**
 * Establishes who sent a request. The API server asks the configured authenticators in order; the
 * first that returns a user wins. Register as a service with the property {@link #NAME}; the API
 * server's configuration ({@code authenticators}) lists which names run, in which order.
 */
public interface Authenticator {

  /** Service property naming the authenticator in configuration. */
  String NAME = "karavel.authenticator.name";

  /**
   * @return the user, or empty if this authenticator does not recognise the request's credentials
   * @throws AuthenticationException if credentials of this authenticator's kind were presented but
   *     are invalid (the request then fails with 401)
   */
  Optional<UserInfo> authenticate(AuthenticationRequest request);
}

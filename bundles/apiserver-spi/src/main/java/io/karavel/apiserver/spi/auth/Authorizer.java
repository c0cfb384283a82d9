package io.karavel.apiserver.spi.auth;

/**
 * Decides whether a request may proceed. The API server asks the configured authorizers in order
 * until one allows or denies; if all have no opinion the request is denied (403). Register as a
 * service with the property {@link #NAME}; configuration ({@code authorizers}) lists the order.
 */
public interface Authorizer {

  /** Service property naming the authorizer in configuration. */
  String NAME = "karavel.authorizer.name";

  /** Must be fast and side-effect free: it runs on every request. */
  AuthorizationDecision authorize(AuthorizationAttributes attributes);
}

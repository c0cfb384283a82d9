package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The configured authorizers asked in order; the first that allows or denies decides, and a chain
 * with no opinion denies (as upstream's union authorizer behind the API server).
 */
final class AuthorizerChain implements Authorizer {

  private final Supplier<List<Authorizer>> authorizers;

  AuthorizerChain(Supplier<List<Authorizer>> authorizers) {
    this.authorizers = authorizers;
  }

  @Override
  public AuthorizationDecision authorize(AuthorizationAttributes attributes) {
    for (Authorizer a : authorizers.get()) {
      AuthorizationDecision d = a.authorize(attributes);
      if (d.decision() != AuthorizationDecision.Decision.NO_OPINION) {
        return d;
      }
    }
    return AuthorizationDecision.deny("");
  }
}

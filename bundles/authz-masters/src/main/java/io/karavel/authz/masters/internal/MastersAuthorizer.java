package io.karavel.authz.masters.internal;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;
import org.osgi.service.component.annotations.Component;

/**
 * The authorizer of a cluster without RBAC: members of {@code system:masters} may do anything (with
 * an empty reason, as upstream's privileged-group authorizer that precedes RBAC), and every user
 * gets what upstream's default role bindings grant (see {@link DefaultRoles}). No opinion
 * otherwise, so a later authorizer may decide; a chain without opinion denies.
 */
@Component(property = Authorizer.NAME + "=" + MastersAuthorizer.NAME_VALUE)
public final class MastersAuthorizer implements Authorizer {

  static final String NAME_VALUE = "masters";

  @Override
  public AuthorizationDecision authorize(AuthorizationAttributes attributes) {
    UserInfo user = attributes.user();
    if (user == null) {
      return AuthorizationDecision.noOpinion();
    }
    if (user.inGroup(UserInfo.SYSTEM_MASTERS)) {
      return AuthorizationDecision.allow("");
    }
    return DefaultRoles.allowing(attributes)
        .map(AuthorizationDecision::allow)
        .orElseGet(AuthorizationDecision::noOpinion);
  }
}

package io.karavel.authz.masters.internal;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Allows members of {@code system:masters} everything, and every authenticated user the read-only
 * public paths upstream's {@code system:discovery} and {@code system:public-info-viewer} roles
 * grant (discovery, OpenAPI, version, health). No opinion otherwise: RBAC or another authorizer may
 * decide, and a chain without opinion denies.
 */
@Component(property = Authorizer.NAME + "=masters")
public final class MastersAuthorizer implements Authorizer {

  private static final List<String> DISCOVERY_PREFIXES =
      List.of("/api", "/apis", "/openapi", "/version", "/healthz", "/livez", "/readyz");

  @Override
  public AuthorizationDecision authorize(AuthorizationAttributes a) {
    if (a.user().inGroup(UserInfo.SYSTEM_MASTERS)) {
      return AuthorizationDecision.allow("");
    }
    if (!a.resourceRequest()
        && a.verb().equals("get")
        && a.user().inGroup(UserInfo.SYSTEM_AUTHENTICATED)
        && isDiscovery(a.path())) {
      return AuthorizationDecision.allow("allowed by the discovery rule");
    }
    return AuthorizationDecision.noOpinion();
  }

  private static boolean isDiscovery(String path) {
    for (String p : DISCOVERY_PREFIXES) {
      if (path.equals(p) || path.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }
}

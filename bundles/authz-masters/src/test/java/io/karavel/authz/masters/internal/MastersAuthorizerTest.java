package io.karavel.authz.masters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision.Decision;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastersAuthorizerTest {

  private final MastersAuthorizer authorizer = new MastersAuthorizer();

  private static AuthorizationAttributes attrs(UserInfo u, boolean resource, String path) {
    return new AuthorizationAttributes(
        u, "get", resource, "", "v1", resource ? "pods" : "", "", "default", "", path);
  }

  @Test
  void mastersMayDoAnything() {
    UserInfo admin = new UserInfo("admin", List.of("system:masters", "system:authenticated"));
    assertThat(
            authorizer.authorize(attrs(admin, true, "/api/v1/namespaces/default/pods")).decision())
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void othersGetDiscoveryButNoResources() {
    UserInfo bob = new UserInfo("bob", List.of("system:authenticated"));
    assertThat(authorizer.authorize(attrs(bob, false, "/apis/apps/v1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(authorizer.authorize(attrs(bob, false, "/metrics")).decision())
        .isEqualTo(Decision.NO_OPINION);
    assertThat(authorizer.authorize(attrs(bob, true, "/api/v1/namespaces/default/pods")).decision())
        .isEqualTo(Decision.NO_OPINION);
  }
}

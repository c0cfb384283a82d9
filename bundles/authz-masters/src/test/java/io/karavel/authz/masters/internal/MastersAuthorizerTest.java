package io.karavel.authz.masters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.AuthorizationDecision.Decision;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MastersAuthorizerTest {

  private static final UserInfo ADMIN =
      new UserInfo("kubernetes-admin", List.of("system:masters", "system:authenticated"));
  private static final UserInfo JANE = new UserInfo("jane", List.of("dev", "system:authenticated"));
  private static final UserInfo ANONYMOUS =
      new UserInfo("system:anonymous", List.of("system:unauthenticated"));

  private final MastersAuthorizer authorizer = new MastersAuthorizer();

  @Test
  void mastersMayDoAnythingWithUpstreamsEmptyReason() {
    AuthorizationDecision delete =
        authorizer.authorize(resource(ADMIN, "delete", "", "nodes", "", "", "worker-1"));
    AuthorizationDecision metrics = authorizer.authorize(nonResource(ADMIN, "get", "/metrics"));
    AuthorizationDecision post = authorizer.authorize(nonResource(ADMIN, "post", "/anything"));

    assertThat(List.of(delete, metrics, post))
        .allSatisfy(d -> assertThat(d).isEqualTo(AuthorizationDecision.allow("")));
  }

  @Test
  void mastersWinEvenWithoutTheAuthenticatedGroup() {
    UserInfo bare = new UserInfo("root", List.of("system:masters"));

    assertThat(
            authorizer
                .authorize(resource(bare, "create", "apps", "deployments", "", "x", ""))
                .decision())
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void othersHaveNoOpinionOnResources() {
    for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
      assertThat(authorizer.authorize(resource(JANE, verb, "", "pods", "", "default", "")))
          .as(verb)
          .isEqualTo(AuthorizationDecision.noOpinion());
    }
    assertThat(authorizer.authorize(resource(JANE, "get", "", "pods", "log", "default", "web")))
        .isEqualTo(AuthorizationDecision.noOpinion());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api",
        "/api/v1",
        "/apis",
        "/apis/apps/v1",
        "/openapi",
        "/openapi/v3",
        "/openapi/v3/apis/apps/v1",
        "/openapi/v2",
        "/version",
        "/version/",
        "/healthz",
        "/livez",
        "/readyz"
      })
  void authenticatedUsersMayDiscover(String path) {
    AuthorizationDecision d = authorizer.authorize(nonResource(JANE, "get", path));

    assertThat(d.decision()).isEqualTo(Decision.ALLOW);
    assertThat(d.reason()).contains("\"system:").contains("Group \"system:authenticated\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/metrics",
        "/logs",
        "/healthz/etcd",
        "/readyz/shutdown",
        "/apis-extra",
        "/apifoo",
        "/openapifoo",
        "/versions",
        "/debug/pprof",
        "/"
      })
  void otherPathsAreNotDiscovery(String path) {
    assertThat(authorizer.authorize(nonResource(JANE, "get", path)))
        .isEqualTo(AuthorizationDecision.noOpinion());
  }

  @Test
  void discoveryIsReadOnly() {
    for (String verb : List.of("post", "put", "patch", "delete", "head")) {
      assertThat(authorizer.authorize(nonResource(JANE, verb, "/api")))
          .as(verb)
          .isEqualTo(AuthorizationDecision.noOpinion());
    }
  }

  @Test
  void anonymousUsersSeeOnlyPublicInformation() {
    assertThat(authorizer.authorize(nonResource(ANONYMOUS, "get", "/version")).reason())
        .isEqualTo(
            "allowed by the default ClusterRole \"system:public-info-viewer\" bound to Group"
                + " \"system:unauthenticated\"");
    assertThat(authorizer.authorize(nonResource(ANONYMOUS, "get", "/readyz")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(authorizer.authorize(nonResource(ANONYMOUS, "get", "/api")))
        .isEqualTo(AuthorizationDecision.noOpinion());
    assertThat(authorizer.authorize(nonResource(ANONYMOUS, "get", "/openapi/v3")))
        .isEqualTo(AuthorizationDecision.noOpinion());
  }

  @Test
  void usersWithoutAnyDefaultGroupGetNothing() {
    UserInfo ungrouped = new UserInfo("ghost", List.of());

    assertThat(authorizer.authorize(nonResource(ungrouped, "get", "/version")))
        .isEqualTo(AuthorizationDecision.noOpinion());
  }

  @Test
  void authenticatedUsersMayReviewTheirOwnAccess() {
    assertThat(
            authorizer.authorize(
                resource(JANE, "create", "authorization.k8s.io", "selfsubjectaccessreviews")))
        .isEqualTo(
            AuthorizationDecision.allow(
                "allowed by the default ClusterRole \"system:basic-user\" bound to Group"
                    + " \"system:authenticated\""));
    assertThat(
            authorizer
                .authorize(
                    resource(JANE, "create", "authorization.k8s.io", "selfsubjectrulesreviews"))
                .decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(
            authorizer
                .authorize(resource(JANE, "create", "authentication.k8s.io", "selfsubjectreviews"))
                .decision())
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void selfReviewsStopAtCreateByAuthenticatedUsers() {
    assertThat(
            authorizer.authorize(
                resource(JANE, "create", "authorization.k8s.io", "subjectaccessreviews")))
        .isEqualTo(AuthorizationDecision.noOpinion());
    assertThat(
            authorizer.authorize(
                resource(JANE, "list", "authorization.k8s.io", "selfsubjectaccessreviews")))
        .isEqualTo(AuthorizationDecision.noOpinion());
    assertThat(authorizer.authorize(resource(JANE, "create", "", "selfsubjectaccessreviews")))
        .isEqualTo(AuthorizationDecision.noOpinion());
    assertThat(
            authorizer.authorize(
                resource(ANONYMOUS, "create", "authorization.k8s.io", "selfsubjectaccessreviews")))
        .isEqualTo(AuthorizationDecision.noOpinion());
  }

  private static AuthorizationAttributes nonResource(UserInfo user, String verb, String path) {
    return new AuthorizationAttributes(user, verb, false, "", "", "", "", "", "", path);
  }

  private static AuthorizationAttributes resource(
      UserInfo user, String verb, String group, String resource) {
    return resource(user, verb, group, resource, "", "", "");
  }

  private static AuthorizationAttributes resource(
      UserInfo user,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {
    String path =
        (group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1")
            + (namespace.isEmpty() ? "" : "/namespaces/" + namespace)
            + "/"
            + resource
            + (name.isEmpty() ? "" : "/" + name)
            + (subresource.isEmpty() ? "" : "/" + subresource);
    return new AuthorizationAttributes(
        user, verb, true, group, "v1", resource, subresource, namespace, name, path);
  }
}

package io.karavel.authz.masters.internal;

import io.karavel.apiserver.spi.auth.AuthorizationAttributes;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.util.List;
import java.util.Optional;

/**
 * The rules of upstream's bootstrap ClusterRoles that every cluster binds to all users, so that a
 * cluster without RBAC still lets ordinary users discover the API and check their own access:
 *
 * <ul>
 *   <li>{@code system:public-info-viewer} (groups {@code system:authenticated} and {@code
 *       system:unauthenticated}): {@code get} on {@code /healthz}, {@code /livez}, {@code /readyz},
 *       {@code /version}, {@code /version/};
 *   <li>{@code system:discovery} ({@code system:authenticated}): {@code get} on {@code /api},
 *       {@code /api/*}, {@code /apis}, {@code /apis/*}, {@code /openapi}, {@code /openapi/*} and
 *       the paths above;
 *   <li>{@code system:basic-user} ({@code system:authenticated}): {@code create} on {@code
 *       selfsubjectaccessreviews} and {@code selfsubjectrulesreviews} ({@code
 *       authorization.k8s.io}) and {@code selfsubjectreviews} ({@code authentication.k8s.io}).
 * </ul>
 *
 * Paths match as RBAC's non-resource URLs do: exactly, or by prefix when the rule ends in {@code
 * *}. So {@code /healthz/etcd} and {@code /apis-extra} are not covered.
 */
final class DefaultRoles {

  private static final List<String> PUBLIC_INFO =
      List.of("/healthz", "/livez", "/readyz", "/version", "/version/");

  private static final List<Rule> RULES =
      List.of(
          new NonResourceRule(
              "system:public-info-viewer",
              List.of(UserInfo.SYSTEM_AUTHENTICATED, UserInfo.SYSTEM_UNAUTHENTICATED),
              PUBLIC_INFO),
          new NonResourceRule(
              "system:discovery",
              List.of(UserInfo.SYSTEM_AUTHENTICATED),
              List.of(
                  "/api",
                  "/api/*",
                  "/apis",
                  "/apis/*",
                  "/healthz",
                  "/livez",
                  "/openapi",
                  "/openapi/*",
                  "/readyz",
                  "/version",
                  "/version/")),
          new ResourceRule(
              "system:basic-user",
              List.of(UserInfo.SYSTEM_AUTHENTICATED),
              "authorization.k8s.io",
              List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
          new ResourceRule(
              "system:basic-user",
              List.of(UserInfo.SYSTEM_AUTHENTICATED),
              "authentication.k8s.io",
              List.of("selfsubjectreviews")));

  private DefaultRoles() {}

  /** The reason a default role allows the request, or empty if none does. */
  static Optional<String> allowing(AuthorizationAttributes a) {
    for (Rule rule : RULES) {
      for (String group : rule.groups()) {
        if (a.user().inGroup(group) && rule.covers(a)) {
          return Optional.of(
              "allowed by the default ClusterRole \""
                  + rule.role()
                  + "\" bound to Group \""
                  + group
                  + "\"");
        }
      }
    }
    return Optional.empty();
  }

  private sealed interface Rule permits NonResourceRule, ResourceRule {
    String role();

    List<String> groups();

    boolean covers(AuthorizationAttributes a);
  }

  /** {@code get} on non-resource URLs. */
  private record NonResourceRule(String role, List<String> groups, List<String> urls)
      implements Rule {
    @Override
    public boolean covers(AuthorizationAttributes a) {
      if (a.resourceRequest() || !"get".equals(a.verb())) {
        return false;
      }
      for (String url : urls) {
        if (url.endsWith("*")
            ? a.path().startsWith(url.substring(0, url.length() - 1))
            : a.path().equals(url)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code create} on top-level resources of one API group. */
  private record ResourceRule(
      String role, List<String> groups, String apiGroup, List<String> resources) implements Rule {
    @Override
    public boolean covers(AuthorizationAttributes a) {
      return a.resourceRequest()
          && "create".equals(a.verb())
          && apiGroup.equals(a.apiGroup())
          && resources.contains(a.resource())
          && a.subresource().isEmpty();
    }
  }
}

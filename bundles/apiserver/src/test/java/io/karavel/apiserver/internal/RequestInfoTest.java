package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestInfoTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/namespaces/default/pods, false, list, '', v1, default, pods, '', ''",
    "GET, /api/v1/namespaces/default/pods/web, false, get, '', v1, default, pods, web, ''",
    "GET, /api/v1/namespaces/default/pods, true, watch, '', v1, default, pods, '', ''",
    "GET, /api/v1/watch/namespaces/default/pods, false, watch, '', v1, default, pods, '', ''",
    "GET, /api/v1/pods, false, list, '', v1, '', pods, '', ''",
    "POST, /api/v1/namespaces/ns1/pods/p/binding, false, create, '', v1, ns1, pods, p, binding",
    "PUT, /apis/apps/v1/namespaces/a/deployments/d/scale, false, update, apps, v1, a, deployments, d, scale",
    "PATCH, /apis/apps/v1/namespaces/a/deployments/d, false, patch, apps, v1, a, deployments, d, ''",
    "DELETE, /api/v1/namespaces/a/configmaps, false, deletecollection, '', v1, a, configmaps, '', ''",
    "DELETE, /api/v1/namespaces/a/configmaps/c, false, delete, '', v1, a, configmaps, c, ''",
    "GET, /api/v1/namespaces, false, list, '', v1, '', namespaces, '', ''",
    "GET, /api/v1/namespaces/kube-system, false, get, '', v1, kube-system, namespaces, kube-system, ''",
    "PUT, /api/v1/namespaces/x/finalize, false, update, '', v1, x, namespaces, x, finalize",
    "GET, /api/v1/namespaces/x/status, false, get, '', v1, x, namespaces, x, status",
    "GET, /apis/rbac.authorization.k8s.io/v1/clusterroles/admin, false, get, rbac.authorization.k8s.io, v1, '', clusterroles, admin, ''",
  })
  void parsesResourcePaths(
      String method,
      String path,
      boolean watch,
      String verb,
      String group,
      String version,
      String ns,
      String resource,
      String name,
      String sub) {
    RequestInfo info = RequestInfo.parse(method, path, watch);
    assertThat(info.resourceRequest()).isTrue();
    assertThat(info.verb()).isEqualTo(verb);
    assertThat(info.group()).isEqualTo(group);
    assertThat(info.version()).isEqualTo(version);
    assertThat(info.namespace()).isEqualTo(ns);
    assertThat(info.resource()).isEqualTo(resource);
    assertThat(info.name()).isEqualTo(name);
    assertThat(info.subresource()).isEqualTo(sub);
  }

  @ParameterizedTest
  @CsvSource({
    "/version",
    "/api",
    "/apis",
    "/api/v1",
    "/apis/apps",
    "/apis/apps/v1",
    "/healthz",
    "/openapi/v3/apis/apps/v1"
  })
  void discoveryAndOtherPathsAreNotResourceRequests(String path) {
    RequestInfo info = RequestInfo.parse("GET", path, false);
    assertThat(info.resourceRequest()).isFalse();
    assertThat(info.verb()).isEqualTo("get");
  }
}

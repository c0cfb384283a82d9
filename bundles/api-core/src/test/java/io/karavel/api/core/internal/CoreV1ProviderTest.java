package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceStrategy.NameRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The served resources against Kubernetes 1.32 discovery for core/v1. */
class CoreV1ProviderTest {
  static final Map<String, ResourceDefinition> BY_PLURAL =
      new CoreV1Provider()
          .resources().stream().collect(Collectors.toMap(ResourceDefinition::plural, d -> d));

  static final Set<String> STANDARD = ResourceDefinition.STANDARD_VERBS;

  static Stream<Arguments> discovery() {
    return Stream.of(
        Arguments.of(
            "namespaces", "Namespace", "namespace", false, "ns", "", Set.of("finalize", "status")),
        Arguments.of(
            "pods",
            "Pod",
            "pod",
            true,
            "po",
            "all",
            Set.of(
                "attach",
                "binding",
                "ephemeralcontainers",
                "eviction",
                "exec",
                "log",
                "portforward",
                "proxy",
                "status")),
        Arguments.of(
            "services", "Service", "service", true, "svc", "all", Set.of("proxy", "status")),
        Arguments.of("endpoints", "Endpoints", "endpoints", true, "ep", "", Set.of()),
        Arguments.of("configmaps", "ConfigMap", "configmap", true, "cm", "", Set.of()),
        Arguments.of("secrets", "Secret", "secret", true, "", "", Set.of()),
        Arguments.of("nodes", "Node", "node", false, "no", "", Set.of("proxy", "status")),
        Arguments.of("events", "Event", "event", true, "ev", "", Set.of()),
        Arguments.of(
            "serviceaccounts", "ServiceAccount", "serviceaccount", true, "sa", "", Set.of()),
        Arguments.of(
            "replicationcontrollers",
            "ReplicationController",
            "replicationcontroller",
            true,
            "rc",
            "all",
            Set.of("scale", "status")),
        Arguments.of("limitranges", "LimitRange", "limitrange", true, "limits", "", Set.of()),
        Arguments.of(
            "resourcequotas",
            "ResourceQuota",
            "resourcequota",
            true,
            "quota",
            "",
            Set.of("status")),
        Arguments.of(
            "persistentvolumes",
            "PersistentVolume",
            "persistentvolume",
            false,
            "pv",
            "",
            Set.of("status")),
        Arguments.of(
            "persistentvolumeclaims",
            "PersistentVolumeClaim",
            "persistentvolumeclaim",
            true,
            "pvc",
            "",
            Set.of("status")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discovery")
  void matchesUpstreamDiscovery(
      String plural,
      String kind,
      String singular,
      boolean namespaced,
      String shortName,
      String category,
      Set<String> subresources) {
    ResourceDefinition d = BY_PLURAL.get(plural);
    assertThat(d).as(plural).isNotNull();
    assertThat(d.group()).isEmpty();
    assertThat(d.version()).isEqualTo("v1");
    assertThat(d.kind()).isEqualTo(kind);
    assertThat(d.singular()).isEqualTo(singular);
    assertThat(d.namespaced()).isEqualTo(namespaced);
    assertThat(d.shortNames()).isEqualTo(shortName.isEmpty() ? List.of() : List.of(shortName));
    assertThat(d.categories()).isEqualTo(category.isEmpty() ? List.of() : List.of(category));
    assertThat(d.subresources()).isEqualTo(subresources);
    assertThat(d.modelClass().getSimpleName()).isEqualTo(kind);
    Set<String> verbs =
        plural.equals("namespaces")
            ? Set.of("create", "delete", "get", "list", "patch", "update", "watch")
            : STANDARD;
    assertThat(d.verbs()).isEqualTo(verbs);
  }

  @Test
  void servesExactlyTheListedResources() {
    assertThat(BY_PLURAL.keySet())
        .isEqualTo(discovery().map(a -> (String) a.get()[0]).collect(Collectors.toSet()));
  }

  @Test
  void nameRules() {
    assertThat(BY_PLURAL.get("namespaces").strategy().nameRule()).isEqualTo(NameRule.DNS1123_LABEL);
    assertThat(BY_PLURAL.get("services").strategy().nameRule()).isEqualTo(NameRule.DNS1035_LABEL);
    BY_PLURAL.values().stream()
        .filter(d -> !d.plural().equals("namespaces") && !d.plural().equals("services"))
        .forEach(
            d ->
                assertThat(d.strategy().nameRule())
                    .as(d.plural())
                    .isEqualTo(NameRule.DNS1123_SUBDOMAIN));
  }

  @Test
  void replicationControllerScale() {
    assertThat(BY_PLURAL.get("replicationcontrollers").scaleSpec())
        .hasValueSatisfying(
            s -> {
              assertThat(s.specReplicasPath()).isEqualTo(".spec.replicas");
              assertThat(s.statusReplicasPath()).isEqualTo(".status.replicas");
              assertThat(s.labelSelectorPath()).isEqualTo(".spec.selector");
            });
  }

  /** Any object a client may send, however sparse, must be handled without exceptions. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("discovery")
  void sparseObjectsAreHandled(String plural) {
    ResourceDefinition d = BY_PLURAL.get(plural);
    for (String json :
        List.of(
            "{'metadata':{'name':'x'}}",
            "{'metadata':{'name':'x'},'spec':null,'status':null}",
            "{'metadata':{'name':'x'},'spec':{'containers':[{}],'ports':[{}],'template':{}},"
                + "'status':{'conditions':[{}],'containerStatuses':[{}]},'data':{'k':null}}")) {
      ObjectNode o = Json.parse(json);
      assertThatCode(
              () -> {
                d.strategy().prepareForCreate(o);
                d.strategy().applyDefaults(o);
                d.strategy().validate(o);
                d.strategy().validateUpdate(o.deepCopy(), o);
                d.strategy().gracefulDeleteSeconds(o, null);
                assertThat(d.table().printer().cells(o, Instant.EPOCH))
                    .hasSameSizeAs(d.table().columns());
              })
          .as(json)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void podGracefulDeletion() {
    PodStrategy s = new PodStrategy();
    ObjectNode scheduled =
        Json.parse(
            "{'spec':{'nodeName':'n1','terminationGracePeriodSeconds':45},'status':{'phase':'Running'}}");
    assertThat(s.gracefulDeleteSeconds(scheduled, null)).isEqualTo(45);
    assertThat(s.gracefulDeleteSeconds(scheduled, 5L)).isEqualTo(5);
    assertThat(s.gracefulDeleteSeconds(scheduled, -3L)).isEqualTo(1);
    assertThat(
            s.gracefulDeleteSeconds(
                Json.parse("{'spec':{'terminationGracePeriodSeconds':45}}"), null))
        .isZero();
    assertThat(
            s.gracefulDeleteSeconds(
                Json.parse("{'spec':{'nodeName':'n1'},'status':{'phase':'Succeeded'}}"), 30L))
        .isZero();
  }
}

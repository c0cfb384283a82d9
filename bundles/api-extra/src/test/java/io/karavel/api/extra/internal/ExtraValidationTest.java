package io.karavel.api.extra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of (strategy, object, expected errors after defaulting) for the extra groups. */
class ExtraValidationTest {

  private static Arguments c(String what, ResourceStrategy s, String json, FieldError... errors) {
    return Arguments.of(what, s, json, List.of(errors));
  }

  private static final String EVENT_OK =
      "'metadata':{'name':'e','namespace':'dev'},'eventTime':'2025-01-01T00:00:00.000000Z',"
          + "'regarding':{'kind':'Pod','name':'p','namespace':'dev'},'reportingController':"
          + "'example.com/ctl','reportingInstance':'i-1','action':'Start','reason':'Started',"
          + "'type':'Normal'";

  static Stream<Arguments> cases() {
    LeaseStrategy lease = new LeaseStrategy();
    EndpointSliceStrategy slices = new EndpointSliceStrategy();
    EventStrategy events = new EventStrategy();
    PodDisruptionBudgetStrategy pdb = new PodDisruptionBudgetStrategy();
    PriorityClassStrategy pc = new PriorityClassStrategy();
    RoleStrategy role = new RoleStrategy(true);
    RoleStrategy clusterRole = new RoleStrategy(false);
    RoleBindingStrategy binding = new RoleBindingStrategy(false);
    RoleBindingStrategy clusterBinding = new RoleBindingStrategy(true);
    return Stream.of(
        c("lease ok", lease, "{'spec':{'holderIdentity':'a','leaseDurationSeconds':15}}"),
        c(
            "lease zero duration",
            lease,
            "{'spec':{'leaseDurationSeconds':0,'leaseTransitions':-1}}",
            FieldError.invalid("spec.leaseDurationSeconds", 0L, "must be greater than 0"),
            FieldError.invalid("spec.leaseTransitions", -1L, "must be greater than or equal to 0")),
        c(
            "lease preferred holder without strategy",
            lease,
            "{'spec':{'preferredHolder':'b'}}",
            FieldError.forbidden(
                "spec.preferredHolder", "may only be specified if `strategy` is defined")),
        c(
            "endpointslice ok",
            slices,
            "{'addressType':'IPv4','endpoints':[{'addresses':['10.1.2.3'],'hostname':'a'}],"
                + "'ports':[{'name':'http','port':80}]}"),
        c(
            "endpointslice bad",
            slices,
            "{'addressType':'IPv4','endpoints':[{'addresses':['10.1.2.300']},{'addresses':[]}],"
                + "'ports':[{'name':'http','port':80},{'name':'http','protocol':'ICMP','port':0}]}",
            FieldError.invalid(
                "endpoints[0].addresses[0]", "10.1.2.300", "must be a valid IPv4 address"),
            FieldError.required("endpoints[1].addresses", "must contain at least 1 address"),
            FieldError.duplicate("ports[1].name", "http"),
            FieldError.notSupported("ports[1].protocol", "ICMP", List.of("SCTP", "TCP", "UDP")),
            FieldError.invalid("ports[1].port", 0L, "must be between 1 and 65535, inclusive")),
        c(
            "endpointslice address type",
            slices,
            "{'addressType':'IPv5','endpoints':[{'addresses':['::1']}]}",
            FieldError.notSupported("addressType", "IPv5", List.of("FQDN", "IPv4", "IPv6"))),
        c(
            "endpointslice ipv6",
            slices,
            "{'addressType':'IPv6','endpoints':[{'addresses':['fd00::1','::ffff:1.2.3.4','x']}]}",
            FieldError.invalid(
                "endpoints[0].addresses[1]", "::ffff:1.2.3.4", "must be a valid IPv6 address"),
            FieldError.invalid("endpoints[0].addresses[2]", "x", "must be a valid IPv6 address")),
        c("event ok", events, "{" + EVENT_OK + "}"),
        c(
            "event without event time",
            events,
            "{'metadata':{'name':'e','namespace':'dev'},'regarding':{'kind':'Pod','namespace':'prod'},"
                + "'type':'Normal'}",
            FieldError.invalid("regarding.namespace", "prod", "does not match event.namespace"),
            FieldError.required("eventTime", "")),
        c(
            "event missing reporting fields and bad type",
            events,
            "{'metadata':{'name':'e','namespace':'dev'},'eventTime':'2025-01-01T00:00:00Z',"
                + "'regarding':{'kind':'Pod','namespace':'dev'},'reportingController':'ctl',"
                + "'type':'Info','deprecatedCount':3,'series':{'count':1}}",
            FieldError.required("reportingInstance", ""),
            FieldError.required("action", ""),
            FieldError.required("reason", ""),
            FieldError.invalid("type", "", "has invalid value: Info"),
            FieldError.invalid("deprecatedCount", "", "needs to be unset"),
            FieldError.invalid("series.count", "", "should be at least 2"),
            FieldError.required("series.lastObservedTime", "")),
        c(
            "event note too long",
            events,
            "{" + EVENT_OK + ",'note':'" + "n".repeat(1025) + "'}",
            FieldError.invalid("note", "", "can have at most 1024 characters")),
        c("pdb ok", pdb, "{'spec':{'minAvailable':'50%','selector':{'matchLabels':{'app':'a'}}}}"),
        c(
            "pdb both set",
            pdb,
            "{'spec':{'minAvailable':1,'maxUnavailable':'120%','unhealthyPodEvictionPolicy':'Never'}}",
            new FieldError(
                "FieldValueInvalid",
                "spec",
                "Invalid value: {\"minAvailable\":1,\"maxUnavailable\":\"120%\","
                    + "\"unhealthyPodEvictionPolicy\":\"Never\"}: minAvailable and maxUnavailable"
                    + " cannot be both set"),
            FieldError.invalid("spec.maxUnavailable", "120%", "must not be greater than 100%"),
            FieldError.notSupported(
                "spec.unhealthyPodEvictionPolicy",
                "Never",
                List.of("AlwaysAllow", "IfHealthyBudget"))),
        c("priorityclass ok", pc, "{'metadata':{'name':'high'},'value':1000000000}"),
        c(
            "priorityclass too high",
            pc,
            "{'metadata':{'name':'high'},'value':1000000001,'preemptionPolicy':'Sometimes'}",
            FieldError.forbidden(
                "value", "maximum allowed value of a user defined priority is 1000000000"),
            FieldError.notSupported(
                "preemptionPolicy", "Sometimes", List.of("PreemptLowerPriority", "Never"))),
        c(
            "priorityclass reserved prefix",
            pc,
            "{'metadata':{'name':'system-mine'},'value':5}",
            FieldError.forbidden(
                "metadata.name",
                "priority class names with 'system-' prefix are reserved for system use only."
                    + " error: system-mine is not a known system priority class")),
        c(
            "system priority class",
            pc,
            "{'metadata':{'name':'system-node-critical'},'value':2000001000}"),
        c("role ok", role, "{'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]}"),
        c(
            "role rules",
            role,
            "{'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':[]},"
                + "{'verbs':['get']},{'nonResourceURLs':['/healthz'],'verbs':['get']}]}",
            FieldError.required("rules[0].verbs", "verbs must contain at least one value"),
            FieldError.required(
                "rules[1].apiGroups", "resource rules must supply at least one api group"),
            FieldError.required(
                "rules[1].resources", "resource rules must supply at least one resource"),
            new FieldError(
                "FieldValueInvalid",
                "rules[2].nonResourceURLs",
                "Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to"
                    + " non-resource URLs")),
        c(
            "clusterrole non-resource ok",
            clusterRole,
            "{'rules':[{'nonResourceURLs':['/healthz'],'verbs':['get']}]}"),
        c(
            "clusterrole empty aggregation",
            clusterRole,
            "{'aggregationRule':{'clusterRoleSelectors':[]}}",
            FieldError.required(
                "aggregationRule.clusterRoleSelectors",
                "at least one clusterRoleSelector required if aggregationRule is non-nil")),
        c(
            "rolebinding ok",
            binding,
            "{'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'r'},"
                + "'subjects':[{'kind':'ServiceAccount','name':'default'},"
                + "{'kind':'User','apiGroup':'rbac.authorization.k8s.io','name':'a@b.c'}]}"),
        c(
            "rolebinding bad",
            binding,
            "{'roleRef':{'apiGroup':'rbac','kind':'Pod','name':'a/b'},"
                + "'subjects':[{'kind':'Robot','name':'r2'},{'kind':'User','apiGroup':'example.com','name':''}]}",
            FieldError.notSupported(
                "roleRef.apiGroup", "rbac", List.of("rbac.authorization.k8s.io")),
            FieldError.notSupported("roleRef.kind", "Pod", List.of("Role", "ClusterRole")),
            FieldError.invalid("roleRef.name", "a/b", "may not contain '/'"),
            FieldError.notSupported(
                "subjects[0].kind", "Robot", List.of("ServiceAccount", "User", "Group")),
            FieldError.required("subjects[1].name", ""),
            FieldError.notSupported(
                "subjects[1].apiGroup", "example.com", List.of("rbac.authorization.k8s.io"))),
        c(
            "clusterrolebinding needs cluster role and sa namespace",
            clusterBinding,
            "{'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'r'},"
                + "'subjects':[{'kind':'ServiceAccount','name':'default'}]}",
            FieldError.notSupported("roleRef.kind", "Role", List.of("ClusterRole")),
            FieldError.required("subjects[0].namespace", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(String what, ResourceStrategy s, String json, List<FieldError> expected) {
    ObjectNode o = Json.parse(json);
    s.applyDefaults(o);
    assertThat(s.validate(o)).containsExactlyInAnyOrderElementsOf(expected);
  }
}

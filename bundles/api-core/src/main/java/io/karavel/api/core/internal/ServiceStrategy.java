package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services: DNS-1035 label names, upstream's {@code SetDefaults_Service}, {@code clusterIP} /
 * {@code clusterIPs} kept in step, type-dependent fields dropped when the type changes, and {@code
 * ValidateService} for ports, types, affinity, traffic policies and addresses. Cluster IPs and node
 * ports are not allocated here: an unset {@code clusterIP} stays unset and a requested node port is
 * only range-checked.
 */
final class ServiceStrategy implements ResourceStrategy {

  static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;
  private static final int KUBELET_PORT = 10250;
  private static final int MAX_AFFINITY_SECONDS = 86400;

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1035_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode svc) {
    svc.putObject("status").putObject("loadBalancer");
    ObjectNode spec = Nodes.object(svc, "spec");
    String clusterIp = Nodes.text(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Nodes.size(spec, "clusterIPs") == 0) {
      spec.putArray("clusterIPs").add(clusterIp);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode svc, ObjectNode old) {
    ObjectNode spec = Nodes.object(svc, "spec");
    JsonNode oldSpec = old.path("spec");
    normalizeClusterIps(spec, oldSpec);
    dropTypeDependentFields(svc, spec, oldSpec);
  }

  /**
   * Upstream's {@code NormalizeClusterIPs} for updates: older clients send only {@code clusterIP};
   * work out what they meant for {@code clusterIPs}.
   */
  private static void normalizeClusterIps(ObjectNode spec, JsonNode oldSpec) {
    String ip = Nodes.text(spec, "clusterIP");
    String oldIp = Nodes.text(oldSpec, "clusterIP");
    List<String> ips = Nodes.strings(spec, "clusterIPs");
    if (Nodes.size(oldSpec, "clusterIPs") > 0 && ips.isEmpty() && oldIp.equals(ip)) {
      spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
      return;
    }
    if (oldIp.equals(ip)) {
      return;
    }
    if (!oldIp.isEmpty() && ip.isEmpty()) {
      if (ips.size() == 1 && ips.get(0).isEmpty()) {
        spec.remove("clusterIPs");
      }
      if (ips.isEmpty() || ips.get(0).isEmpty()) {
        return;
      }
    }
    if (ips.isEmpty()) {
      spec.putArray("clusterIPs").add(ip);
    } else if (ips.equals(Nodes.strings(oldSpec, "clusterIPs"))) {
      ((ArrayNode) spec.get("clusterIPs")).set(0, spec.textNode(ip));
    }
  }

  /** Upstream's {@code dropTypeDependentFields}: wipe what the new type no longer uses. */
  private static void dropTypeDependentFields(ObjectNode svc, ObjectNode spec, JsonNode oldSpec) {
    String type = Nodes.text(spec, "type");
    String oldType = Nodes.text(oldSpec, "type");
    if (!oldType.equals("ExternalName") && type.equals("ExternalName")) {
      if (Nodes.same(spec.get("clusterIPs"), oldSpec.get("clusterIPs"))) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      for (String f : List.of("ipFamilies", "ipFamilyPolicy")) {
        if (Nodes.same(spec.get(f), oldSpec.get(f))) {
          spec.remove(f);
        }
      }
    }
    if (needsNodePort(oldType) && !needsNodePort(type)) {
      if (sameNodePorts(spec, oldSpec)) {
        for (ObjectNode p : Nodes.objects(spec, "ports")) {
          p.remove("nodePort");
        }
      }
      if (Nodes.same(spec.get("healthCheckNodePort"), oldSpec.get("healthCheckNodePort"))) {
        spec.remove("healthCheckNodePort");
      }
    }
    if (oldType.equals("LoadBalancer") && !type.equals("LoadBalancer")) {
      for (String f : List.of("allocateLoadBalancerNodePorts", "loadBalancerClass")) {
        if (Nodes.same(spec.get(f), oldSpec.get(f))) {
          spec.remove(f);
        }
      }
    }
    if (externallyAccessible(oldSpec) && !externallyAccessible(spec)) {
      if (Nodes.text(spec, "externalTrafficPolicy")
          .equals(Nodes.text(oldSpec, "externalTrafficPolicy"))) {
        spec.remove("externalTrafficPolicy");
      }
    }
    if (!type.equals("LoadBalancer") && svc.get("status") instanceof ObjectNode status) {
      status.putObject("loadBalancer");
    }
  }

  private static boolean sameNodePorts(JsonNode spec, JsonNode oldSpec) {
    JsonNode now = spec.path("ports");
    JsonNode before = oldSpec.path("ports");
    if (now.size() != before.size()) {
      return false;
    }
    for (int i = 0; i < now.size(); i++) {
      if (now.get(i).path("nodePort").asLong(0) != before.get(i).path("nodePort").asLong(0)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void applyDefaults(ObjectNode svc) {
    ObjectNode spec = Nodes.object(svc, "spec");
    Nodes.defaultText(spec, "sessionAffinity", "None");
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && Nodes.unset(spec.path("sessionAffinityConfig").path("clientIP"), "timeoutSeconds")) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", 10800);
    }
    Nodes.defaultText(spec, "type", "ClusterIP");
    String type = Nodes.text(spec, "type");
    for (ObjectNode p : Nodes.objects(spec, "ports")) {
      Nodes.defaultText(p, "protocol", "TCP");
      JsonNode target = p.get("targetPort");
      if (target == null
          || target.isNull()
          || (target.isNumber() && target.asLong() == 0)
          || (target.isTextual() && target.asText().isEmpty())) {
        JsonNode port = p.get("port");
        if (port != null && port.isNumber()) {
          p.set("targetPort", port);
        }
      }
    }
    if (externallyAccessible(spec)) {
      Nodes.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (Nodes.unset(spec, "internalTrafficPolicy")
        && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Nodes.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
      for (ObjectNode ingress : Nodes.objects(svc.path("status").path("loadBalancer"), "ingress")) {
        if (!Nodes.text(ingress, "ip").isEmpty()) {
          Nodes.defaultText(ingress, "ipMode", "VIP");
        }
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode svc) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = svc.path("spec");
    String type = Nodes.text(spec, "type");
    List<String> clusterIps = Nodes.strings(spec, "clusterIPs");
    boolean headless = clusterIps.size() == 1 && clusterIps.get(0).equals("None");
    int portCount = Nodes.size(spec, "ports");
    if (portCount == 0 && !headless && !type.equals("ExternalName")) {
      out.add(FieldError.required("spec.ports", ""));
    }
    switch (type) {
      case "LoadBalancer" -> {
        if (headless) {
          out.add(
              FieldError.invalid(
                  "spec.clusterIPs[0]",
                  "None",
                  "may not be set to 'None' for LoadBalancer services"));
        }
        int i = 0;
        for (JsonNode p : spec.path("ports")) {
          if (p.path("port").asLong(0) == KUBELET_PORT) {
            out.add(
                FieldError.invalid(
                    index("spec.ports", i),
                    (long) KUBELET_PORT,
                    "may not expose port "
                        + KUBELET_PORT
                        + " externally since it is used by kubelet"));
          }
          i++;
        }
      }
      case "NodePort" -> {
        if (headless) {
          out.add(
              FieldError.invalid(
                  "spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"));
        }
      }
      case "ExternalName" -> {
        if (!clusterIps.isEmpty()) {
          out.add(
              FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }
        if (Nodes.size(spec, "ipFamilies") > 0) {
          out.add(
              FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
        }
        if (!Nodes.unset(spec, "ipFamilyPolicy")) {
          out.add(
              FieldError.forbidden(
                  "spec.ipFamilyPolicy", "may not be set for ExternalName services"));
        }
        String cname = Nodes.text(spec, "externalName");
        if (cname.endsWith(".")) {
          cname = cname.substring(0, cname.length() - 1);
        }
        if (cname.isEmpty()) {
          out.add(FieldError.required("spec.externalName", ""));
        } else {
          Validation.dns1123Subdomain(cname, "spec.externalName", out);
        }
      }
      default -> {}
    }
    Set<String> portNames = new HashSet<>();
    int i = 0;
    for (JsonNode p : spec.path("ports")) {
      port(p, portCount > 1, portNames, index("spec.ports", i++), out);
    }
    Validation.labels(spec.get("selector"), "spec.selector", out);
    affinity(spec, out);
    clusterIps(clusterIps, out);
    i = 0;
    for (String ip : Nodes.strings(spec, "externalIPs")) {
      if (!IpAddresses.isIp(ip)) {
        out.add(FieldError.invalid(index("spec.externalIPs", i), ip, IpAddresses.INVALID_IP));
      }
      i++;
    }
    if (type.isEmpty()) {
      out.add(FieldError.required("spec.type", ""));
    } else if (!TYPES.contains(type)) {
      out.add(FieldError.notSupported("spec.type", type, TYPES));
    }
    nodePorts(spec, type, out);
    duplicatePorts(spec, out);
    trafficPolicies(spec, type, out);
    return out;
  }

  private static void port(
      JsonNode p, boolean requireName, Set<String> names, String path, List<FieldError> out) {
    String name = Nodes.text(p, "name");
    if (requireName && name.isEmpty()) {
      out.add(FieldError.required(path + ".name", ""));
    } else if (!name.isEmpty()) {
      Validation.dns1123Label(name, path + ".name", out);
      if (!names.add(name)) {
        out.add(FieldError.duplicate(path + ".name", name));
      }
    }
    long port = p.path("port").asLong(0);
    if (!Validation.validPort(port)) {
      out.add(FieldError.invalid(path + ".port", port, Validation.inclusiveRange(1, 65535)));
    }
    PodSpecValidator.protocol(p, path + ".protocol", out);
    Validation.portNumOrName(p.get("targetPort"), path + ".targetPort", out);
    String appProtocol = Nodes.text(p, "appProtocol");
    if (!Nodes.unset(p, "appProtocol")) {
      Validation.qualifiedName(appProtocol, path + ".appProtocol", out);
    }
  }

  private static void affinity(JsonNode spec, List<FieldError> out) {
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      out.add(FieldError.required("spec.sessionAffinity", ""));
    } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
      out.add(
          FieldError.notSupported("spec.sessionAffinity", affinity, List.of("ClientIP", "None")));
    }
    if (affinity.equals("ClientIP")) {
      JsonNode timeout = spec.path("sessionAffinityConfig").path("clientIP").get("timeoutSeconds");
      if (timeout == null || timeout.isNull()) {
        out.add(
            FieldError.required(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                "when session affinity type is ClientIP"));
      } else if (timeout.asLong() <= 0 || timeout.asLong() > MAX_AFFINITY_SECONDS) {
        out.add(
            FieldError.invalid(
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                timeout.asLong(),
                "must be greater than 0 and less than " + MAX_AFFINITY_SECONDS));
      }
    } else if (affinity.equals("None") && !Nodes.unset(spec, "sessionAffinityConfig")) {
      out.add(
          FieldError.forbidden(
              "spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }
  }

  private static void clusterIps(List<String> ips, List<FieldError> out) {
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i);
      if (i == 0 && ip.equals("None")) {
        if (ips.size() > 1) {
          out.add(
              Validation.invalidRaw(
                  "spec.clusterIPs",
                  GoValues.stringSlice(ips),
                  "'None' must be the first and only value"));
        }
        continue;
      }
      if (!IpAddresses.isIp(ip)) {
        out.add(FieldError.invalid(index("spec.clusterIPs", i), ip, IpAddresses.INVALID_IP));
      }
    }
  }

  private static void nodePorts(JsonNode spec, String type, List<FieldError> out) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode p : spec.path("ports")) {
      String path = index("spec.ports", i++) + ".nodePort";
      long nodePort = p.path("nodePort").asLong(0);
      if (nodePort == 0) {
        continue;
      }
      if (type.equals("ClusterIP")) {
        out.add(FieldError.forbidden(path, "may not be used when `type` is 'ClusterIP'"));
      } else if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
        // Upstream's node port allocator rejects ports outside the service node port range.
        out.add(
            FieldError.invalid(
                path,
                nodePort,
                "provided port is not in the valid range. The range of valid ports is "
                    + NODE_PORT_MIN
                    + "-"
                    + NODE_PORT_MAX));
      }
      if (!seen.add(Nodes.text(p, "protocol") + "/" + nodePort)) {
        out.add(FieldError.duplicate(path, nodePort));
      }
    }
  }

  private static void duplicatePorts(JsonNode spec, List<FieldError> out) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode p : spec.path("ports")) {
      String protocol = Nodes.text(p, "protocol");
      long port = p.path("port").asLong(0);
      if (!seen.add(protocol + "/" + port)) {
        out.add(
            Validation.duplicateRaw(
                index("spec.ports", i),
                "core.ServicePort{Name:\"\", Protocol:"
                    + GoValues.quote(protocol)
                    + ", AppProtocol:(*string)(nil), Port:"
                    + port
                    + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"},"
                    + " NodePort:0}",
                ""));
      }
      i++;
    }
  }

  private static void trafficPolicies(JsonNode spec, String type, List<FieldError> out) {
    String external = Nodes.text(spec, "externalTrafficPolicy");
    if (!externallyAccessible(spec)) {
      if (!external.isEmpty()) {
        out.add(
            FieldError.invalid(
                "spec.externalTrafficPolicy",
                external,
                "may only be set for externally-accessible services"));
      }
    } else if (external.isEmpty()) {
      out.add(FieldError.required("spec.externalTrafficPolicy", ""));
    } else if (!external.equals("Cluster") && !external.equals("Local")) {
      out.add(
          FieldError.notSupported(
              "spec.externalTrafficPolicy", external, List.of("Cluster", "Local")));
    }
    JsonNode internal = spec.get("internalTrafficPolicy");
    if (internal == null || internal.isNull()) {
      if (List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
        out.add(FieldError.required("spec.internalTrafficPolicy", ""));
      }
    } else if (!internal.asText().equals("Cluster") && !internal.asText().equals("Local")) {
      out.add(
          FieldError.notSupported(
              "spec.internalTrafficPolicy", internal.asText(), List.of("Cluster", "Local")));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode svc, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = svc.path("spec");
    JsonNode oldSpec = old.path("spec");
    if (Nodes.text(spec, "type").equals("ExternalName")
        || Nodes.text(oldSpec, "type").equals("ExternalName")) {
      return out;
    }
    List<String> now = Nodes.strings(spec, "clusterIPs");
    List<String> before = Nodes.strings(oldSpec, "clusterIPs");
    boolean headlessNow = now.size() == 1 && now.get(0).equals("None");
    boolean headlessBefore = before.size() == 1 && before.get(0).equals("None");
    if (headlessNow && headlessBefore || before.isEmpty()) {
      return out;
    }
    String rendered = GoValues.stringSlice(now);
    if (now.isEmpty()) {
      out.add(
          Validation.invalidRaw(
              "spec.clusterIPs[0]", rendered, "primary clusterIP can not be unset"));
    } else if (!now.get(0).equals(before.get(0))) {
      out.add(Validation.invalidRaw("spec.clusterIPs[0]", rendered, "may not change once set"));
    } else if (now.size() == before.size()) {
      for (int i = 1; i < now.size(); i++) {
        if (!now.get(i).equals(before.get(i))) {
          out.add(
              Validation.invalidRaw(
                  index("spec.clusterIPs", i), rendered, "may not change once set"));
        }
      }
    }
    return out;
  }

  static boolean needsNodePort(String type) {
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** Upstream's {@code ExternallyAccessible}: node ports, load balancers or external IPs. */
  static boolean externallyAccessible(JsonNode spec) {
    String type = Nodes.text(spec, "type");
    return needsNodePort(type) || (type.equals("ClusterIP") && Nodes.size(spec, "externalIPs") > 0);
  }
}

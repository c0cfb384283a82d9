package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;
import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's {@code ValidatePodSpec} for the fields users write: containers (names, images, ports,
 * env, resources, probes, mounts, policies), volumes, restart and DNS policy, node selector,
 * tolerations and the scheduling fields. Security contexts, affinity, topology spread and DNS
 * config are not checked.
 */
final class PodSpecValidator {
  private PodSpecValidator() {}

  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final List<String> PROBE_HANDLERS =
      List.of("exec", "httpGet", "tcpSocket", "grpc");
  private static final List<String> HOOK_HANDLERS =
      List.of("exec", "httpGet", "tcpSocket", "sleep");
  private static final List<String> ENV_SOURCES =
      List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef");
  private static final List<String> ENV_FIELD_PATHS =
      List.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "spec.nodeName",
          "spec.serviceAccountName",
          "status.hostIP",
          "status.hostIPs",
          "status.podIP",
          "status.podIPs");
  private static final List<String> HOST_PATH_TYPES =
      List.of(
          "",
          "DirectoryOrCreate",
          "Directory",
          "FileOrCreate",
          "File",
          "Socket",
          "CharDevice",
          "BlockDevice");
  private static final String EPHEMERAL_FORBIDDEN = "cannot be set for an Ephemeral Container";
  private static final String INIT_FORBIDDEN =
      "may not be set for init containers without restartPolicy=Always";

  /** Validates the pod spec at {@code path} (e.g. {@code spec}, {@code spec.template.spec}). */
  static void validate(JsonNode spec, String path, List<FieldError> out) {
    Set<String> volumes = volumes(spec, path + ".volumes", out);
    containers(spec, volumes, path, out);
    initContainers(spec, volumes, path, out);
    ephemeralContainers(spec, volumes, path, out);
    hostNetworkPorts(spec, path, out);
    String restart = Nodes.text(spec, "restartPolicy");
    if (restart.isEmpty()) {
      out.add(FieldError.required(path + ".restartPolicy", ""));
    } else if (!RESTART_POLICIES.contains(restart)) {
      out.add(FieldError.notSupported(path + ".restartPolicy", restart, RESTART_POLICIES));
    }
    String dns = Nodes.text(spec, "dnsPolicy");
    if (dns.isEmpty()) {
      out.add(FieldError.required(path + ".dnsPolicy", ""));
    } else if (!DNS_POLICIES.contains(dns)) {
      out.add(FieldError.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES));
    }
    Validation.labels(spec.get("nodeSelector"), path + ".nodeSelector", out);
    int i = 0;
    for (JsonNode gate : spec.path("readinessGates")) {
      Validation.qualifiedName(
          Nodes.text(gate, "conditionType"),
          index(path + ".readinessGates", i++) + ".conditionType",
          out);
    }
    for (String f : List.of("serviceAccountName", "nodeName", "priorityClassName")) {
      String v = Nodes.text(spec, f);
      if (!v.isEmpty()) {
        Validation.dns1123Subdomain(v, path + "." + f, out);
      }
    }
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    if (deadline != null && deadline.isNumber()) {
      long v = deadline.asLong();
      if (v < 1 || v > Integer.MAX_VALUE) {
        out.add(
            FieldError.invalid(
                path + ".activeDeadlineSeconds",
                v,
                Validation.inclusiveRange(1, Integer.MAX_VALUE)));
      }
    }
    for (String f : List.of("hostname", "subdomain")) {
      String v = Nodes.text(spec, f);
      if (!v.isEmpty()) {
        Validation.dns1123Label(v, path + "." + f, out);
      }
    }
    tolerations(spec.path("tolerations"), path + ".tolerations", out);
    schedulingGates(spec, path + ".schedulingGates", out);
  }

  // ---- volumes ----

  private static Set<String> volumes(JsonNode spec, String path, List<FieldError> out) {
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode v : spec.path("volumes")) {
      String p = index(path, i++);
      String name = Nodes.text(v, "name");
      List<FieldError> sourceErrors = new java.util.ArrayList<>(0);
      volumeSource(v, p, sourceErrors);
      if (name.isEmpty()) {
        out.add(FieldError.required(p + ".name", ""));
      } else {
        Validation.dns1123Label(name, p + ".name", out);
      }
      if (names.contains(name)) {
        out.add(FieldError.duplicate(p + ".name", name));
      }
      if (sourceErrors.isEmpty()) {
        names.add(name);
      } else {
        out.addAll(sourceErrors);
      }
    }
    return names;
  }

  private static void volumeSource(JsonNode v, String p, List<FieldError> out) {
    int count = 0;
    for (String s : PodSpecDefaults.VOLUME_SOURCES) {
      if (!Nodes.unset(v, s)) {
        if (++count > 1) {
          out.add(FieldError.forbidden(p + "." + s, "may not specify more than 1 volume type"));
        }
      }
    }
    if (count == 0) {
      out.add(FieldError.required(p, "must specify a volume type"));
      return;
    }
    if (v.get("configMap") instanceof ObjectNode cm) {
      if (Nodes.text(cm, "name").isEmpty()) {
        out.add(FieldError.required(p + ".configMap.name", ""));
      }
      mode(cm, p + ".configMap", out);
      keyToPaths(cm, p + ".configMap.items", out);
    }
    if (v.get("secret") instanceof ObjectNode s) {
      if (Nodes.text(s, "secretName").isEmpty()) {
        out.add(FieldError.required(p + ".secret.secretName", ""));
      }
      mode(s, p + ".secret", out);
      keyToPaths(s, p + ".secret.items", out);
    }
    if (v.get("persistentVolumeClaim") instanceof ObjectNode c) {
      if (Nodes.text(c, "claimName").isEmpty()) {
        out.add(FieldError.required(p + ".persistentVolumeClaim.claimName", ""));
      }
    }
    if (v.get("hostPath") instanceof ObjectNode h) {
      if (Nodes.text(h, "path").isEmpty()) {
        out.add(FieldError.required(p + ".hostPath.path", ""));
      }
      JsonNode type = h.get("type");
      if (type != null && type.isTextual() && !HOST_PATH_TYPES.contains(type.asText())) {
        out.add(FieldError.notSupported(p + ".hostPath.type", type.asText(), HOST_PATH_TYPES));
      }
    }
    if (v.get("nfs") instanceof ObjectNode n) {
      if (Nodes.text(n, "server").isEmpty()) {
        out.add(FieldError.required(p + ".nfs.server", ""));
      }
      if (Nodes.text(n, "path").isEmpty()) {
        out.add(FieldError.required(p + ".nfs.path", ""));
      } else if (!Nodes.text(n, "path").startsWith("/")) {
        out.add(
            FieldError.invalid(p + ".nfs.path", Nodes.text(n, "path"), "must be an absolute path"));
      }
    }
    if (v.get("emptyDir") instanceof ObjectNode e && !Nodes.unset(e, "sizeLimit")) {
      Quantity q = ResourceLists.parse(e.get("sizeLimit"), p + ".emptyDir.sizeLimit", out);
      if (q != null && q.signum() < 0) {
        out.add(
            FieldError.forbidden(
                p + ".emptyDir.sizeLimit", "SizeLimit field must be a valid resource quantity"));
      }
    }
  }

  private static void mode(JsonNode src, String p, List<FieldError> out) {
    JsonNode m = src.get("defaultMode");
    if (m != null && m.isNumber() && (m.asLong() < 0 || m.asLong() > 0777)) {
      out.add(
          FieldError.invalid(
              p + ".defaultMode",
              m.asLong(),
              "must be a number between 0 and 0777 (octal), both inclusive"));
    }
  }

  private static void keyToPaths(JsonNode src, String path, List<FieldError> out) {
    int i = 0;
    for (JsonNode item : src.path("items")) {
      String p = index(path, i++);
      String k = Nodes.text(item, "key");
      if (k.isEmpty()) {
        out.add(FieldError.required(p + ".key", ""));
      }
      String target = Nodes.text(item, "path");
      if (target.isEmpty()) {
        out.add(FieldError.required(p + ".path", ""));
      } else {
        localDescendingPath(target, p + ".path", out);
      }
    }
  }

  private static void localDescendingPath(String target, String path, List<FieldError> out) {
    if (target.startsWith("/")) {
      out.add(FieldError.invalid(path, target, "must be a relative path"));
    }
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        out.add(FieldError.invalid(path, target, "must not contain '..'"));
        break;
      }
    }
  }

  // ---- containers ----

  private static void containers(
      JsonNode spec, Set<String> volumes, String specPath, List<FieldError> out) {
    String path = specPath + ".containers";
    if (Nodes.size(spec, "containers") == 0) {
      out.add(FieldError.required(path, ""));
      return;
    }
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode c : spec.path("containers")) {
      String p = index(path, i++);
      common(c, volumes, p, out);
      String name = Nodes.text(c, "name");
      if (!names.add(name)) {
        out.add(FieldError.duplicate(p + ".name", name));
      }
      lifecycle(c.get("lifecycle"), p + ".lifecycle", out);
      probe(c.get("livenessProbe"), p + ".livenessProbe", true, out);
      probe(c.get("readinessProbe"), p + ".readinessProbe", false, out);
      probe(c.get("startupProbe"), p + ".startupProbe", true, out);
      if (!Nodes.unset(c, "restartPolicy")) {
        out.add(
            FieldError.forbidden(p + ".restartPolicy", "may not be set for non-init containers"));
      }
    }
    hostPortConflicts(spec.path("containers"), path, 0, new HashSet<>(), out);
  }

  private static void initContainers(
      JsonNode spec, Set<String> volumes, String specPath, List<FieldError> out) {
    String path = specPath + ".initContainers";
    Set<String> names = new HashSet<>();
    for (JsonNode c : spec.path("containers")) {
      names.add(Nodes.text(c, "name"));
    }
    int i = 0;
    for (JsonNode c : spec.path("initContainers")) {
      String p = index(path, i++);
      common(c, volumes, p, out);
      boolean restartAlways = false;
      JsonNode rp = c.get("restartPolicy");
      if (rp != null && !rp.isNull()) {
        restartAlways = rp.asText().equals("Always");
        if (!restartAlways) {
          out.add(FieldError.notSupported(p + ".restartPolicy", rp.asText(), List.of("Always")));
        }
      }
      String name = Nodes.text(c, "name");
      if (names.contains(name)) {
        out.add(FieldError.duplicate(p + ".name", name));
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      // Upstream checks each init container alone, and reports it at index 0.
      hostPortConflicts(List.of(c), path, 0, new HashSet<>(), out);
      if (restartAlways) {
        lifecycle(c.get("lifecycle"), p + ".lifecycle", out);
        probe(c.get("livenessProbe"), p + ".livenessProbe", true, out);
        probe(c.get("readinessProbe"), p + ".readinessProbe", false, out);
        probe(c.get("startupProbe"), p + ".startupProbe", true, out);
      } else {
        if (!Nodes.unset(c, "lifecycle")) {
          out.add(FieldError.forbidden(p + ".lifecycle", INIT_FORBIDDEN));
        }
        if (!Nodes.unset(c, "livenessProbe")) {
          out.add(FieldError.forbidden(p + ".livenessProbe", INIT_FORBIDDEN));
        }
        if (!Nodes.unset(c, "readinessProbe")) {
          out.add(
              FieldError.forbidden(p + ".readinessProbe", "may not be set for init containers"));
        }
        if (!Nodes.unset(c, "startupProbe")) {
          out.add(FieldError.forbidden(p + ".startupProbe", INIT_FORBIDDEN));
        }
      }
    }
  }

  private static void ephemeralContainers(
      JsonNode spec, Set<String> volumes, String specPath, List<FieldError> out) {
    String path = specPath + ".ephemeralContainers";
    Set<String> names = new HashSet<>();
    Set<String> targets = new HashSet<>();
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : spec.path(list)) {
        names.add(Nodes.text(c, "name"));
        targets.add(Nodes.text(c, "name"));
      }
    }
    int i = 0;
    for (JsonNode c : spec.path("ephemeralContainers")) {
      String p = index(path, i++);
      common(c, volumes, p, out);
      String name = Nodes.text(c, "name");
      if (!name.isEmpty() && !names.add(name)) {
        out.add(FieldError.duplicate(p + ".name", name));
      }
      String target = Nodes.text(c, "targetContainerName");
      if (!target.isEmpty() && !targets.contains(target)) {
        out.add(Validation.notFound(p + ".targetContainerName", target));
      }
      for (String f :
          List.of(
              "ports",
              "livenessProbe",
              "readinessProbe",
              "startupProbe",
              "lifecycle",
              "resources")) {
        JsonNode v = c.get(f);
        if (v != null && !v.isNull() && !v.isEmpty()) {
          out.add(FieldError.forbidden(p + "." + f, EPHEMERAL_FORBIDDEN));
        }
      }
    }
  }

  /** Upstream's {@code validateContainerCommon}. */
  private static void common(JsonNode c, Set<String> volumes, String p, List<FieldError> out) {
    String name = Nodes.text(c, "name");
    if (name.isEmpty()) {
      out.add(FieldError.required(p + ".name", ""));
    } else {
      Validation.dns1123Label(name, p + ".name", out);
    }
    if (Nodes.text(c, "image").isEmpty()) {
      out.add(FieldError.required(p + ".image", ""));
    }
    String tmp = Nodes.text(c, "terminationMessagePolicy");
    if (tmp.isEmpty()) {
      out.add(
          FieldError.required(
              p + ".terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'"));
    } else if (!tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
      out.add(
          FieldError.notSupported(
              p + ".terminationMessagePolicy", tmp, List.of("File", "FallbackToLogsOnError")));
    }
    ports(c, p + ".ports", out);
    env(c, p + ".env", out);
    volumeMounts(c, volumes, p + ".volumeMounts", out);
    String pull = Nodes.text(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      out.add(FieldError.required(p + ".imagePullPolicy", ""));
    } else if (!PULL_POLICIES.contains(pull)) {
      out.add(FieldError.notSupported(p + ".imagePullPolicy", pull, PULL_POLICIES));
    }
    resources(c.path("resources"), p + ".resources", out);
  }

  private static void ports(JsonNode c, String path, List<FieldError> out) {
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode port : c.path("ports")) {
      String p = index(path, i++);
      String name = Nodes.text(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Validation.portName(name);
        if (!msgs.isEmpty()) {
          msgs.forEach(m -> out.add(FieldError.invalid(p + ".name", name, m)));
        } else if (!names.add(name)) {
          out.add(FieldError.duplicate(p + ".name", name));
        }
      }
      long containerPort = port.path("containerPort").asLong(0);
      if (containerPort == 0) {
        out.add(FieldError.required(p + ".containerPort", ""));
      } else if (!Validation.validPort(containerPort)) {
        out.add(
            FieldError.invalid(
                p + ".containerPort", containerPort, Validation.inclusiveRange(1, 65535)));
      }
      long hostPort = port.path("hostPort").asLong(0);
      if (hostPort != 0 && !Validation.validPort(hostPort)) {
        out.add(FieldError.invalid(p + ".hostPort", hostPort, Validation.inclusiveRange(1, 65535)));
      }
      protocol(port, p + ".protocol", out);
    }
  }

  static void protocol(JsonNode port, String path, List<FieldError> out) {
    String proto = Nodes.text(port, "protocol");
    if (proto.isEmpty()) {
      out.add(FieldError.required(path, ""));
    } else if (!PROTOCOLS.contains(proto)) {
      out.add(FieldError.notSupported(path, proto, PROTOCOLS));
    }
  }

  private static void env(JsonNode c, String path, List<FieldError> out) {
    int i = 0;
    for (JsonNode e : c.path("env")) {
      String p = index(path, i++);
      String name = Nodes.text(e, "name");
      if (name.isEmpty()) {
        out.add(FieldError.required(p + ".name", ""));
      } else {
        for (String m : Validation.envVarName(name)) {
          out.add(FieldError.invalid(p + ".name", name, m));
        }
      }
      valueFrom(e, p + ".valueFrom", out);
    }
  }

  private static void valueFrom(JsonNode e, String path, List<FieldError> out) {
    JsonNode from = e.get("valueFrom");
    if (from == null || from.isNull()) {
      return;
    }
    int sources = 0;
    for (String s : ENV_SOURCES) {
      if (!Nodes.unset(from, s)) {
        sources++;
      }
    }
    if (from.get("fieldRef") instanceof ObjectNode f) {
      String fp = Nodes.text(f, "fieldPath");
      if (fp.isEmpty()) {
        out.add(FieldError.required(path + ".fieldRef.fieldPath", ""));
      } else if (!ENV_FIELD_PATHS.contains(fp)
          && !fp.matches("metadata\\.(labels|annotations)\\['[^']+'\\]")) {
        out.add(FieldError.notSupported(path + ".fieldRef.fieldPath", fp, ENV_FIELD_PATHS));
      }
    }
    for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
      if (from.get(ref) instanceof ObjectNode r) {
        String k = Nodes.text(r, "key");
        if (k.isEmpty()) {
          out.add(FieldError.required(path + "." + ref + ".key", ""));
        } else {
          for (String m : Validation.configMapKey(k)) {
            out.add(FieldError.invalid(path + "." + ref + ".key", k, m));
          }
        }
        Validation.dns1123Subdomain(Nodes.text(r, "name"), path + "." + ref + ".name", out);
      }
    }
    if (sources == 0) {
      out.add(
          FieldError.invalid(
              path,
              "",
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`"));
    } else if (!Nodes.text(e, "value").isEmpty()) {
      out.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      out.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
    }
  }

  private static void volumeMounts(
      JsonNode c, Set<String> volumes, String path, List<FieldError> out) {
    Set<String> mountPoints = new HashSet<>();
    int i = 0;
    for (JsonNode m : c.path("volumeMounts")) {
      String p = index(path, i++);
      String name = Nodes.text(m, "name");
      if (name.isEmpty()) {
        out.add(FieldError.required(p + ".name", ""));
      }
      if (!volumes.contains(name)) {
        out.add(Validation.notFound(p + ".name", name));
      }
      String mountPath = Nodes.text(m, "mountPath");
      if (mountPath.isEmpty()) {
        out.add(FieldError.required(p + ".mountPath", ""));
      }
      if (!mountPoints.add(mountPath)) {
        out.add(FieldError.invalid(p + ".mountPath", mountPath, "must be unique"));
      }
      String subPath = Nodes.text(m, "subPath");
      if (!subPath.isEmpty()) {
        // Upstream reports subPath problems at the list's path, without the index.
        localDescendingPath(subPath, path + ".subPath", out);
      }
    }
  }

  /** Upstream's {@code ValidateContainerResourceRequirements}. */
  static void resources(JsonNode r, String path, List<FieldError> out) {
    String limPath = path + ".limits";
    String reqPath = path + ".requests";
    JsonNode limits = r.get("limits");
    Map<String, Quantity> limitValues = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> e : Nodes.entries(r, "limits")) {
      String p = key(limPath, e.getKey());
      ResourceLists.validateContainerName(e.getKey(), p, out);
      Quantity q = ResourceLists.validateValue(e.getKey(), e.getValue(), p, out);
      if (q != null) {
        limitValues.put(e.getKey(), q);
      }
    }
    for (Map.Entry<String, JsonNode> e : Nodes.entries(r, "requests")) {
      String name = e.getKey();
      String p = key(reqPath, name);
      ResourceLists.validateContainerName(name, p, out);
      Quantity q = ResourceLists.validateValue(name, e.getValue(), p, out);
      if (q == null) {
        continue;
      }
      boolean hasLimit = limits != null && limits.has(name);
      Quantity limit = limitValues.get(name);
      if (limit != null) {
        if (q.compareTo(limit) != 0 && !ResourceLists.overcommitAllowed(name)) {
          out.add(
              FieldError.invalid(
                  reqPath,
                  q.canonical(),
                  "must be equal to " + name + " limit of " + limit.canonical()));
        } else if (q.compareTo(limit) > 0) {
          out.add(
              FieldError.invalid(
                  reqPath,
                  q.canonical(),
                  "must be less than or equal to " + name + " limit of " + limit.canonical()));
        }
      } else if (!hasLimit && !ResourceLists.overcommitAllowed(name)) {
        out.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"));
      }
    }
  }

  private static void probe(
      JsonNode probe, String p, boolean successMustBeOne, List<FieldError> out) {
    if (probe == null || probe.isNull()) {
      return;
    }
    handlers(probe, PROBE_HANDLERS, p, out);
    for (String f :
        List.of(
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold")) {
      Validation.nonNegative(probe, f, p + "." + f, out);
    }
    JsonNode grace = probe.get("terminationGracePeriodSeconds");
    if (grace != null && grace.isNumber() && grace.asLong() <= 0) {
      out.add(
          FieldError.invalid(
              p + ".terminationGracePeriodSeconds", grace.asLong(), "must be greater than 0"));
    }
    if (successMustBeOne && probe.path("successThreshold").asLong(1) != 1) {
      out.add(
          FieldError.invalid(
              p + ".successThreshold", probe.path("successThreshold").asLong(), "must be 1"));
    }
  }

  private static void lifecycle(JsonNode lc, String p, List<FieldError> out) {
    if (lc == null || lc.isNull()) {
      return;
    }
    for (String hook : List.of("postStart", "preStop")) {
      JsonNode h = lc.get(hook);
      if (h != null && !h.isNull()) {
        handlers(h, HOOK_HANDLERS, p + "." + hook, out);
      }
    }
  }

  private static void handlers(JsonNode h, List<String> kinds, String p, List<FieldError> out) {
    int n = 0;
    for (String kind : kinds) {
      JsonNode v = h.get(kind);
      if (v == null || v.isNull()) {
        continue;
      }
      if (++n > 1) {
        out.add(FieldError.forbidden(p + "." + kind, "may not specify more than 1 handler type"));
        continue;
      }
      switch (kind) {
        case "exec" -> {
          if (Nodes.size(v, "command") == 0) {
            out.add(FieldError.required(p + ".exec.command", ""));
          }
        }
        case "httpGet" -> {
          if (Nodes.text(v, "path").isEmpty()) {
            out.add(FieldError.required(p + ".httpGet.path", ""));
          }
          Validation.portNumOrName(v.get("port"), p + ".httpGet.port", out);
          String scheme = Nodes.text(v, "scheme");
          if (!scheme.isEmpty() && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            out.add(
                FieldError.notSupported(p + ".httpGet.scheme", scheme, List.of("HTTP", "HTTPS")));
          }
        }
        case "tcpSocket" -> Validation.portNumOrName(v.get("port"), p + ".tcpSocket.port", out);
        case "grpc" -> {
          long port = v.path("port").asLong(0);
          if (!Validation.validPort(port)) {
            out.add(
                FieldError.invalid(p + ".grpc.port", port, Validation.inclusiveRange(1, 65535)));
          }
        }
        default -> {}
      }
    }
    if (n == 0) {
      out.add(FieldError.required(p, "must specify a handler type"));
    }
  }

  /** Upstream's {@code AccumulateUniqueHostPorts}. */
  private static void hostPortConflicts(
      Iterable<JsonNode> containers,
      String path,
      int first,
      Set<String> seen,
      List<FieldError> out) {
    int ci = first;
    for (JsonNode c : containers) {
      int pi = 0;
      for (JsonNode port : c.path("ports")) {
        String p = index(index(path, ci) + ".ports", pi++);
        long hostPort = port.path("hostPort").asLong(0);
        if (hostPort == 0) {
          continue;
        }
        String k = Nodes.text(port, "hostIP") + "/" + Nodes.text(port, "protocol") + "/" + hostPort;
        if (!seen.add(k)) {
          out.add(FieldError.duplicate(p + ".hostPort", k));
        }
      }
      ci++;
    }
  }

  private static void hostNetworkPorts(JsonNode spec, String specPath, List<FieldError> out) {
    if (!Nodes.isTrue(spec, "hostNetwork")) {
      return;
    }
    for (String list : List.of("containers", "initContainers")) {
      int ci = 0;
      for (JsonNode c : spec.path(list)) {
        int pi = 0;
        for (JsonNode port : c.path("ports")) {
          long containerPort = port.path("containerPort").asLong(0);
          if (port.path("hostPort").asLong(0) != containerPort) {
            out.add(
                FieldError.invalid(
                    index(index(specPath + "." + list, ci) + ".ports", pi) + ".containerPort",
                    containerPort,
                    "must match `hostPort` when `hostNetwork` is true"));
          }
          pi++;
        }
        ci++;
      }
    }
  }

  /** Upstream's {@code ValidateTolerations}. */
  static void tolerations(JsonNode tolerations, String path, List<FieldError> out) {
    int i = 0;
    for (JsonNode t : tolerations) {
      String p = index(path, i++);
      String key = Nodes.text(t, "key");
      String operator = Nodes.text(t, "operator");
      String value = Nodes.text(t, "value");
      String effect = Nodes.text(t, "effect");
      if (!key.isEmpty()) {
        Validation.qualifiedName(key, p + ".key", out);
      }
      if (key.isEmpty() && !operator.equals("Exists")) {
        out.add(
            FieldError.invalid(
                p + ".operator",
                operator,
                "operator must be Exists when `key` is empty, which means \"match all values and"
                    + " all keys\""));
      }
      if (!Nodes.unset(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        out.add(
            FieldError.invalid(
                p + ".effect",
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> errs = Validation.labelValue(value);
          if (!errs.isEmpty()) {
            out.add(FieldError.invalid(p + ".operator", value, String.join(";", errs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            out.add(
                Validation.invalidRaw(
                    p + ".operator",
                    tolerationStruct(t),
                    "value must be empty when `operator` is 'Exists'"));
          }
        }
        default ->
            out.add(FieldError.notSupported(p + ".operator", operator, List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        out.add(FieldError.notSupported(p + ".effect", effect, TAINT_EFFECTS));
      }
    }
  }

  /** {@code %#v} of a toleration; a set tolerationSeconds prints as its value, not an address. */
  private static String tolerationStruct(JsonNode t) {
    JsonNode seconds = t.get("tolerationSeconds");
    return "core.Toleration{Key:"
        + GoValues.quote(Nodes.text(t, "key"))
        + ", Operator:"
        + GoValues.quote(Nodes.text(t, "operator"))
        + ", Value:"
        + GoValues.quote(Nodes.text(t, "value"))
        + ", Effect:"
        + GoValues.quote(Nodes.text(t, "effect"))
        + ", TolerationSeconds:"
        + (seconds == null || seconds.isNull()
            ? "(*int64)(nil)"
            : "(*int64)(" + seconds.asLong() + ")")
        + "}";
  }

  private static void schedulingGates(JsonNode spec, String path, List<FieldError> out) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode g : spec.path("schedulingGates")) {
      String p = index(path, i++);
      String name = Nodes.text(g, "name");
      Validation.qualifiedName(name, p + ".name", out);
      if (!seen.add(name)) {
        out.add(FieldError.duplicate(p, name));
      }
    }
  }
}

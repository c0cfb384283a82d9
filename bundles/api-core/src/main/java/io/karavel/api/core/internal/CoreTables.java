package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.PodTable.orNone;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.Durations;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Table columns and rows of core/v1 (pods are in {@link PodTable}), as kubectl 1.32 shows them. */
final class CoreTables {
  private CoreTables() {}

  static String age(JsonNode o, Instant now) {
    return Durations.age(o.path("metadata").path("creationTimestamp").asText(null), now);
  }

  static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  /** Upstream's {@code labels.FormatLabels}: sorted {@code k=v} pairs, or {@code <none>}. */
  static String formatLabels(JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) {
      return "<none>";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    StringBuilder sb = new StringBuilder();
    sorted.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  private static TableColumn text(String name, String description) {
    return TableColumn.of(name, "string", description);
  }

  private static final TableColumn CREATED_AT =
      new TableColumn("Created At", "date", "", "When the object was created (RFC 3339, UTC).", 0);

  static final TableDefinition NAMESPACES =
      new TableDefinition(
          List.of(TableColumn.NAME, text("Status", "The status of the namespace"), TableColumn.AGE),
          (o, now) -> List.of(name(o), Nodes.text(o.path("status"), "phase"), age(o, now)));

  static final TableDefinition CONFIG_MAPS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Data", "Number of keys in data and binaryData."),
              TableColumn.AGE),
          (o, now) ->
              List.of(
                  name(o),
                  (long) (Nodes.size(o, "data") + Nodes.size(o, "binaryData")),
                  age(o, now)));

  static final TableDefinition SECRETS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Type", "The type of the secret."),
              text("Data", "Number of keys in data."),
              TableColumn.AGE),
          (o, now) ->
              List.of(name(o), Nodes.text(o, "type"), (long) Nodes.size(o, "data"), age(o, now)));

  static final TableDefinition SERVICE_ACCOUNTS =
      new TableDefinition(
          List.of(TableColumn.NAME, text("Secrets", "Number of secrets listed."), TableColumn.AGE),
          (o, now) -> List.of(name(o), (long) Nodes.size(o, "secrets"), age(o, now)));

  static final TableDefinition ENDPOINTS =
      new TableDefinition(
          List.of(
              TableColumn.NAME, text("Endpoints", "Ready addresses and ports."), TableColumn.AGE),
          (o, now) -> List.of(name(o), formatEndpoints(o), age(o, now)));

  /** Up to three ready {@code ip:port} pairs, then {@code + N more...}. */
  static String formatEndpoints(JsonNode endpoints) {
    JsonNode subsets = endpoints.path("subsets");
    if (!subsets.isArray() || subsets.isEmpty()) {
      return "<none>";
    }
    int max = 3;
    List<String> list = new ArrayList<>(max);
    boolean more = false;
    int count = 0;
    for (JsonNode ss : subsets) {
      JsonNode addresses = ss.path("addresses");
      JsonNode ports = ss.path("ports");
      if (ports.size() == 0) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(Nodes.text(a, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(hostPort(Nodes.text(a, "ip"), port.path("port").asLong(0)));
        }
      }
    }
    String ret = String.join(",", list);
    return more ? ret + " + " + (count - max) + " more..." : ret;
  }

  private static String hostPort(String ip, long port) {
    return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
  }

  static final TableDefinition EVENTS =
      new TableDefinition(
          List.of(
              text("Last Seen", "When the event was last observed."),
              text("Type", "Normal or Warning."),
              text("Reason", "Why the event happened, in CamelCase."),
              text("Object", "The object the event is about."),
              TableColumn.wide("Subobject", "string", "The part of the object, e.g. a container."),
              TableColumn.wide("Source", "string", "The component that reported the event."),
              text("Message", "What happened, for humans."),
              TableColumn.wide("First Seen", "string", "When the event was first observed."),
              TableColumn.wide("Count", "string", "How many times it happened."),
              new TableColumn("Name", "string", "name", "The event's name.", 1)),
          CoreTables::eventCells);

  private static List<Object> eventCells(JsonNode e, Instant now) {
    String first = since(e.get("firstTimestamp"), now);
    if (unsetTime(e.get("firstTimestamp"))) {
      first = since(e.get("eventTime"), now);
    }
    String last = unsetTime(e.get("lastTimestamp")) ? first : since(e.get("lastTimestamp"), now);
    long count = e.path("count").asLong(0);
    JsonNode series = e.get("series");
    if (series != null && series.isObject()) {
      last = since(series.get("lastObservedTime"), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      count = 1;
    }
    JsonNode involved = e.path("involvedObject");
    String kind = Nodes.text(involved, "kind").toLowerCase(Locale.ROOT);
    String target =
        Nodes.text(involved, "name").isEmpty() ? kind : kind + "/" + Nodes.text(involved, "name");
    String component = Nodes.text(e.path("source"), "component");
    if (component.isEmpty()) {
      component = Nodes.text(e, "reportingComponent");
    }
    String host = Nodes.text(e.path("source"), "host");
    if (host.isEmpty()) {
      host = Nodes.text(e, "reportingInstance");
    }
    return List.of(
        last,
        Nodes.text(e, "type"),
        Nodes.text(e, "reason"),
        target,
        Nodes.text(involved, "fieldPath"),
        host.isEmpty() ? component : component + ", " + host,
        Nodes.text(e, "message").strip(),
        first,
        count,
        name(e));
  }

  private static boolean unsetTime(JsonNode t) {
    return t == null || !t.isTextual() || t.asText().isEmpty();
  }

  private static String since(JsonNode t, Instant now) {
    return Durations.age(unsetTime(t) ? null : t.asText(), now);
  }

  static final TableDefinition REPLICATION_CONTROLLERS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Desired", "integer", "Desired number of pods."),
              TableColumn.of("Current", "integer", "Observed number of pods."),
              TableColumn.of("Ready", "integer", "Pods that are ready."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", "Names of each container in the template."),
              TableColumn.wide(
                  "Images", "string", "Images referenced by each container in the template."),
              TableColumn.wide("Selector", "string", "Labels of the pods the controller owns.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            JsonNode status = o.path("status");
            List<String> names = new ArrayList<>();
            List<String> images = new ArrayList<>();
            for (JsonNode c : spec.path("template").path("spec").path("containers")) {
              names.add(Nodes.text(c, "name"));
              images.add(Nodes.text(c, "image"));
            }
            return List.of(
                name(o),
                spec.path("replicas").asLong(1),
                status.path("replicas").asLong(0),
                status.path("readyReplicas").asLong(0),
                age(o, now),
                String.join(",", names),
                String.join(",", images),
                formatLabels(spec.get("selector")));
          });

  /** What upstream prints for resources without a printer of their own (limit ranges). */
  static final TableDefinition NAME_CREATED_AT =
      new TableDefinition(
          List.of(TableColumn.NAME, CREATED_AT),
          (o, now) -> List.of(name(o), o.path("metadata").path("creationTimestamp").asText("")));

  static final TableDefinition RESOURCE_QUOTAS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Request", "Used and hard amounts of the quota's request resources."),
              text("Limit", "Used and hard amounts of the quota's limits.* resources."),
              TableColumn.AGE),
          (o, now) -> {
            JsonNode hard = o.path("status").path("hard");
            JsonNode used = o.path("status").path("used");
            TreeSet<String> names = new TreeSet<>();
            hard.fieldNames().forEachRemaining(names::add);
            List<String> requests = new ArrayList<>();
            List<String> limits = new ArrayList<>();
            for (String r : names) {
              String cell =
                  r
                      + ": "
                      + ResourceLists.get(used, r).canonical()
                      + "/"
                      + ResourceLists.get(hard, r).canonical();
              String[] pieces = r.split("\\.", -1);
              (pieces.length > 1 && pieces[0].equals("limits") ? limits : requests).add(cell);
            }
            return List.of(
                name(o), String.join(", ", requests), String.join(", ", limits), age(o, now));
          });

  static final TableDefinition SERVICES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Type", "How the service is exposed."),
              text("Cluster-IP", "The service's virtual IP."),
              text("External-IP", "Addresses the service is reachable on from outside."),
              text("Port(s)", "The service's ports."),
              TableColumn.AGE,
              TableColumn.wide("Selector", "string", "Labels of the pods behind the service.")),
          CoreTables::serviceCells);

  private static List<Object> serviceCells(JsonNode svc, Instant now) {
    JsonNode spec = svc.path("spec");
    String type = Nodes.text(spec, "type");
    List<String> clusterIps = Nodes.strings(spec, "clusterIPs");
    String clusterIp = !clusterIps.isEmpty() ? clusterIps.get(0) : Nodes.text(spec, "clusterIP");
    List<String> ports = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      long nodePort = p.path("nodePort").asLong(0);
      ports.add(
          p.path("port").asLong(0)
              + (nodePort > 0 ? ":" + nodePort : "")
              + "/"
              + Nodes.text(p, "protocol"));
    }
    return List.of(
        name(svc),
        type,
        orNone(clusterIp),
        externalIp(svc, type),
        ports.isEmpty() ? "<none>" : String.join(",", ports),
        age(svc, now),
        formatLabels(spec.get("selector")));
  }

  private static String externalIp(JsonNode svc, String type) {
    List<String> externalIps = Nodes.strings(svc.path("spec"), "externalIPs");
    switch (type) {
      case "ClusterIP", "NodePort" -> {
        return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      }
      case "LoadBalancer" -> {
        TreeSet<String> ingress = new TreeSet<>();
        for (JsonNode i : svc.path("status").path("loadBalancer").path("ingress")) {
          if (!Nodes.text(i, "ip").isEmpty()) {
            ingress.add(Nodes.text(i, "ip"));
          } else if (!Nodes.text(i, "hostname").isEmpty()) {
            ingress.add(Nodes.text(i, "hostname"));
          }
        }
        List<String> all = new ArrayList<>(ingress);
        all.addAll(externalIps);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> {
        return Nodes.text(svc.path("spec"), "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  static final TableDefinition NODES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Status", "The status of the node"),
              text("Roles", "The roles of the node"),
              TableColumn.AGE,
              text("Version", "The kubelet's version."),
              TableColumn.wide("Internal-IP", "string", "The node's first internal address."),
              TableColumn.wide("External-IP", "string", "The node's first external address."),
              TableColumn.wide("OS-Image", "string", "The node's operating system image."),
              TableColumn.wide("Kernel-Version", "string", "The node's kernel version."),
              TableColumn.wide("Container-Runtime", "string", "The node's container runtime.")),
          CoreTables::nodeCells);

  private static List<Object> nodeCells(JsonNode node, Instant now) {
    JsonNode status = node.path("status");
    String ready = null;
    for (JsonNode c : status.path("conditions")) {
      if (Nodes.text(c, "type").equals("Ready")) {
        ready = Nodes.text(c, "status").equals("True") ? "Ready" : "NotReady";
      }
    }
    String state = ready == null ? "Unknown" : ready;
    if (Nodes.isTrue(node.path("spec"), "unschedulable")) {
      state += ",SchedulingDisabled";
    }
    TreeSet<String> roles = new TreeSet<>();
    node.path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(
            e -> {
              String k = e.getKey();
              if (k.startsWith("node-role.kubernetes.io/")) {
                String role = k.substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                  roles.add(role);
                }
              } else if (k.equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
                roles.add(e.getValue().asText());
              }
            });
    JsonNode info = status.path("nodeInfo");
    return List.of(
        name(node),
        state,
        roles.isEmpty() ? "<none>" : String.join(",", roles),
        age(node, now),
        Nodes.text(info, "kubeletVersion"),
        address(status, "InternalIP"),
        address(status, "ExternalIP"),
        orUnknown(Nodes.text(info, "osImage")),
        orUnknown(Nodes.text(info, "kernelVersion")),
        orUnknown(Nodes.text(info, "containerRuntimeVersion")));
  }

  private static String address(JsonNode status, String type) {
    for (JsonNode a : status.path("addresses")) {
      if (Nodes.text(a, "type").equals(type)) {
        return Nodes.text(a, "address");
      }
    }
    return "<none>";
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  static final TableDefinition PERSISTENT_VOLUMES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Capacity", "The volume's storage capacity."),
              text("Access Modes", "How the volume may be mounted."),
              text("Reclaim Policy", "What happens to the volume when its claim is released."),
              text("Status", "The volume's phase."),
              text("Claim", "The claim bound to the volume."),
              text("StorageClass", "StorageClass of the pv"),
              text("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
              text("Reason", "Why the volume is in its phase."),
              TableColumn.AGE,
              TableColumn.wide("VolumeMode", "string", "Filesystem or Block.")),
          (pv, now) -> {
            JsonNode spec = pv.path("spec");
            JsonNode claim = spec.get("claimRef");
            String claimCell =
                claim == null || !claim.isObject()
                    ? ""
                    : Nodes.text(claim, "namespace") + "/" + Nodes.text(claim, "name");
            return List.of(
                name(pv),
                ResourceLists.get(spec.get("capacity"), "storage").canonical(),
                accessModes(spec.path("accessModes")),
                Nodes.text(spec, "persistentVolumeReclaimPolicy"),
                terminatingOr(pv, Nodes.text(pv.path("status"), "phase")),
                claimCell,
                storageClass(pv),
                orUnset(spec.get("volumeAttributesClassName")),
                Nodes.text(pv.path("status"), "reason"),
                age(pv, now),
                orUnset(spec.get("volumeMode")));
          });

  static final TableDefinition PERSISTENT_VOLUME_CLAIMS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              text("Status", "The claim's phase."),
              text("Volume", "The volume bound to the claim."),
              text("Capacity", "The bound volume's capacity."),
              text("Access Modes", "How the bound volume may be mounted."),
              text("StorageClass", "StorageClass of the pvc"),
              text("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
              TableColumn.AGE,
              TableColumn.wide("VolumeMode", "string", "Filesystem or Block.")),
          (pvc, now) -> {
            JsonNode spec = pvc.path("spec");
            JsonNode status = pvc.path("status");
            String volume = Nodes.text(spec, "volumeName");
            String capacity = "";
            String modes = "";
            if (!volume.isEmpty()) {
              modes = accessModes(status.path("accessModes"));
              capacity = ResourceLists.get(status.get("capacity"), "storage").canonical();
            }
            return List.of(
                name(pvc),
                terminatingOr(pvc, Nodes.text(status, "phase")),
                volume,
                capacity,
                modes,
                storageClass(pvc),
                orUnset(spec.get("volumeAttributesClassName")),
                age(pvc, now),
                orUnset(spec.get("volumeMode")));
          });

  private static String terminatingOr(JsonNode o, String phase) {
    return o.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating" : phase;
  }

  private static String orUnset(JsonNode n) {
    return n == null || n.isNull() ? "<unset>" : n.asText();
  }

  /** The beta annotation wins over {@code spec.storageClassName}, as in upstream's helper. */
  private static String storageClass(JsonNode o) {
    JsonNode annotation =
        o.path("metadata").path("annotations").get("volume.beta.kubernetes.io/storage-class");
    if (annotation != null && !annotation.isNull()) {
      return annotation.asText();
    }
    return Nodes.text(o.path("spec"), "storageClassName");
  }

  /** {@code RWO,ROX,RWX,RWOP} in that order, each once. */
  static String accessModes(JsonNode modes) {
    TreeSet<String> present = new TreeSet<>();
    modes.forEach(m -> present.add(m.asText()));
    List<String> out = new ArrayList<>(4);
    String[][] order = {
      {"ReadWriteOnce", "RWO"},
      {"ReadOnlyMany", "ROX"},
      {"ReadWriteMany", "RWX"},
      {"ReadWriteOncePod", "RWOP"}
    };
    for (String[] m : order) {
      if (present.contains(m[0])) {
        out.add(m[1]);
      }
    }
    return String.join(",", out);
  }
}

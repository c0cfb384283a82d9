package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Upstream's pod defaulting: {@code SetDefaults_Pod} for pods themselves and {@code
 * SetDefaults_PodSpec} with the container, probe, port and volume defaults for every pod spec (pods
 * and templates).
 */
final class PodSpecDefaults {
  private PodSpecDefaults() {}

  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  /** Defaults of a Pod object: the spec defaults plus the pod-only ones. */
  static void applyToPod(ObjectNode pod) {
    ObjectNode spec = Nodes.object(pod, "spec");
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        requestsFromLimits(c);
      }
    }
    Nodes.defaultBool(spec, "enableServiceLinks", true);
    if (Nodes.isTrue(spec, "hostNetwork")) {
      for (String list : List.of("containers", "initContainers")) {
        for (ObjectNode c : Nodes.objects(spec, list)) {
          hostNetworkPorts(c);
        }
      }
    }
    applyToSpec(spec);
    syncPodIps(pod);
  }

  /** Defaults of any pod spec (a pod's or a template's). */
  static void applyToSpec(ObjectNode spec) {
    Nodes.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Nodes.defaultText(spec, "restartPolicy", "Always");
    if (Nodes.unset(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    Nodes.defaultInt(spec, "terminationGracePeriodSeconds", 30);
    Nodes.defaultText(spec, "schedulerName", "default-scheduler");
    // The deprecated alias is kept in step with serviceAccountName, as upstream's conversion does.
    String sa = Nodes.text(spec, "serviceAccountName");
    if (sa.isEmpty()) {
      sa = Nodes.text(spec, "serviceAccount");
      if (!sa.isEmpty()) {
        spec.put("serviceAccountName", sa);
      }
    }
    if (!sa.isEmpty()) {
      spec.put("serviceAccount", sa);
    }
    for (String list : CONTAINER_LISTS) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        container(c);
      }
    }
    for (ObjectNode v : Nodes.objects(spec, "volumes")) {
      volume(v);
    }
    if (spec.get("overhead") instanceof ObjectNode overhead) {
      ResourceLists.canonicalize(overhead);
    }
  }

  private static void requestsFromLimits(ObjectNode c) {
    if (!(c.path("resources").get("limits") instanceof ObjectNode limits)) {
      return;
    }
    ObjectNode requests = Nodes.object(Nodes.object(c, "resources"), "requests");
    for (var it = limits.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static void hostNetworkPorts(ObjectNode c) {
    for (ObjectNode p : Nodes.objects(c, "ports")) {
      if (p.path("hostPort").asLong(0) == 0 && p.has("containerPort")) {
        p.set("hostPort", p.get("containerPort"));
      }
    }
  }

  private static void container(ObjectNode c) {
    if (Nodes.text(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", pullPolicyFor(Nodes.text(c, "image")));
    }
    Nodes.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Nodes.defaultText(c, "terminationMessagePolicy", "File");
    for (ObjectNode p : Nodes.objects(c, "ports")) {
      Nodes.defaultText(p, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (c.get(probe) instanceof ObjectNode p) {
        Nodes.defaultInt(p, "timeoutSeconds", 1);
        Nodes.defaultInt(p, "periodSeconds", 10);
        Nodes.defaultInt(p, "successThreshold", 1);
        Nodes.defaultInt(p, "failureThreshold", 3);
        httpGet(p);
      }
    }
    if (c.get("lifecycle") instanceof ObjectNode lc) {
      for (String hook : List.of("postStart", "preStop")) {
        if (lc.get(hook) instanceof ObjectNode h) {
          httpGet(h);
        }
      }
    }
    for (ObjectNode e : Nodes.objects(c, "env")) {
      if (e.path("valueFrom").get("fieldRef") instanceof ObjectNode f) {
        Nodes.defaultText(f, "apiVersion", "v1");
      }
    }
    if (c.get("resources") instanceof ObjectNode r) {
      ResourceLists.canonicalize(r.get("limits"));
      ResourceLists.canonicalize(r.get("requests"));
    }
  }

  private static void httpGet(ObjectNode handler) {
    if (handler.get("httpGet") instanceof ObjectNode g) {
      Nodes.defaultText(g, "path", "/");
      Nodes.defaultText(g, "scheme", "HTTP");
    }
  }

  /** The volume sources of a pod volume; a volume without one gets an {@code emptyDir}. */
  static final List<String> VOLUME_SOURCES =
      List.of(
          "hostPath",
          "emptyDir",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "gitRepo",
          "secret",
          "nfs",
          "iscsi",
          "glusterfs",
          "persistentVolumeClaim",
          "rbd",
          "flexVolume",
          "cinder",
          "cephfs",
          "flocker",
          "downwardAPI",
          "fc",
          "azureFile",
          "configMap",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "projected",
          "portworxVolume",
          "scaleIO",
          "storageos",
          "csi",
          "ephemeral",
          "image");

  private static void volume(ObjectNode v) {
    boolean none = true;
    for (String s : VOLUME_SOURCES) {
      if (!Nodes.unset(v, s)) {
        none = false;
        break;
      }
    }
    if (none) {
      v.putObject("emptyDir");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      if (v.get(s) instanceof ObjectNode src) {
        Nodes.defaultInt(src, "defaultMode", 0644);
      }
    }
    if (v.get("hostPath") instanceof ObjectNode h && Nodes.unset(h, "type")) {
      h.put("type", "");
    }
    if (v.get("iscsi") instanceof ObjectNode i) {
      Nodes.defaultText(i, "iscsiInterface", "default");
    }
    if (v.get("downwardAPI") instanceof ObjectNode d) {
      fieldRefs(d);
    }
    if (v.get("projected") instanceof ObjectNode p) {
      for (ObjectNode s : Nodes.objects(p, "sources")) {
        if (s.get("serviceAccountToken") instanceof ObjectNode t) {
          Nodes.defaultInt(t, "expirationSeconds", 3600);
        }
        if (s.get("downwardAPI") instanceof ObjectNode d) {
          fieldRefs(d);
        }
      }
    }
  }

  private static void fieldRefs(ObjectNode downwardApi) {
    for (ObjectNode item : Nodes.objects(downwardApi, "items")) {
      if (item.get("fieldRef") instanceof ObjectNode f) {
        Nodes.defaultText(f, "apiVersion", "v1");
      }
    }
  }

  /**
   * Keeps {@code status.podIP}/{@code hostIP} and their plural lists in step, as conversion does.
   */
  private static void syncPodIps(ObjectNode pod) {
    if (!(pod.get("status") instanceof ObjectNode status)) {
      return;
    }
    for (String[] pair : new String[][] {{"podIP", "podIPs"}, {"hostIP", "hostIPs"}}) {
      String single = Nodes.text(status, pair[0]);
      JsonNode plural = status.get(pair[1]);
      if (plural != null && plural.isArray() && !plural.isEmpty()) {
        String first = plural.get(0).path("ip").asText("");
        if (!first.isEmpty()) {
          status.put(pair[0], first);
        }
      } else if (!single.isEmpty()) {
        status.putArray(pair[1]).addObject().put("ip", single);
      }
    }
  }

  /**
   * Upstream's image pull policy default: {@code Always} for {@code :latest} or an untagged image
   * without a digest, {@code IfNotPresent} otherwise.
   */
  static String pullPolicyFor(String image) {
    String ref = image;
    boolean digest = false;
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = true;
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "";
    if (tag.isEmpty() && !digest) {
      tag = "latest";
    }
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }
}

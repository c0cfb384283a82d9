package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Defaulting and a compact validation of pod templates embedded in workloads. Upstream applies the
 * core/v1 pod spec defaults to every embedded {@code PodTemplateSpec}; this is the subset users see
 * in {@code kubectl get -o yaml}. The full pod validation lives with core/v1 in {@code api-core};
 * this one checks what workloads most often get wrong.
 */
public final class PodTemplates {
  private PodTemplates() {}

  /** Applies upstream's {@code SetDefaults_PodSpec}, container, probe and volume defaults. */
  public static void applyDefaults(ObjectNode template) {
    ObjectNode spec = Nodes.object(template, "spec");
    Nodes.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Nodes.defaultText(spec, "restartPolicy", "Always");
    if (Nodes.unset(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    Nodes.defaultInt(spec, "terminationGracePeriodSeconds", 30);
    Nodes.defaultText(spec, "schedulerName", "default-scheduler");
    boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
    for (String list : List.of("initContainers", "containers")) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        containerDefaults(c, hostNetwork);
      }
    }
    for (ObjectNode v : Nodes.objects(spec, "volumes")) {
      volumeDefaults(v);
    }
  }

  private static void containerDefaults(ObjectNode c, boolean hostNetwork) {
    Nodes.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Nodes.defaultText(c, "terminationMessagePolicy", "File");
    if (Nodes.text(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", pullPolicyFor(Nodes.text(c, "image")));
    }
    for (ObjectNode p : Nodes.objects(c, "ports")) {
      Nodes.defaultText(p, "protocol", "TCP");
      if (hostNetwork && Nodes.unset(p, "hostPort") && p.has("containerPort")) {
        p.set("hostPort", p.get("containerPort"));
      }
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (c.get(probe) instanceof ObjectNode p) {
        Nodes.defaultInt(p, "timeoutSeconds", 1);
        Nodes.defaultInt(p, "periodSeconds", 10);
        Nodes.defaultInt(p, "successThreshold", 1);
        Nodes.defaultInt(p, "failureThreshold", 3);
        httpGetDefaults(p);
      }
    }
    if (c.get("lifecycle") instanceof ObjectNode lc) {
      for (String hook : List.of("postStart", "preStop")) {
        if (lc.get(hook) instanceof ObjectNode h) {
          httpGetDefaults(h);
        }
      }
    }
    for (ObjectNode e : Nodes.objects(c, "env")) {
      if (e.path("valueFrom").get("fieldRef") instanceof ObjectNode f) {
        Nodes.defaultText(f, "apiVersion", "v1");
      }
    }
  }

  private static void httpGetDefaults(ObjectNode handler) {
    if (handler.get("httpGet") instanceof ObjectNode g) {
      Nodes.defaultText(g, "scheme", "HTTP");
    }
  }

  private static final List<String> VOLUME_SOURCES =
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

  private static void volumeDefaults(ObjectNode v) {
    if (VOLUME_SOURCES.stream().allMatch(s -> Nodes.unset(v, s))) {
      v.putObject("emptyDir");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      if (v.get(s) instanceof ObjectNode src) {
        Nodes.defaultInt(src, "defaultMode", 0644);
      }
    }
    if (v.get("downwardAPI") instanceof ObjectNode d) {
      fieldRefDefaults(d);
    }
    if (v.get("projected") instanceof ObjectNode p) {
      for (ObjectNode s : Nodes.objects(p, "sources")) {
        if (s.get("serviceAccountToken") instanceof ObjectNode t) {
          Nodes.defaultInt(t, "expirationSeconds", 3600);
        }
        if (s.get("downwardAPI") instanceof ObjectNode d) {
          fieldRefDefaults(d);
        }
      }
    }
  }

  private static void fieldRefDefaults(ObjectNode downwardApi) {
    for (ObjectNode item : Nodes.objects(downwardApi, "items")) {
      if (item.get("fieldRef") instanceof ObjectNode f) {
        Nodes.defaultText(f, "apiVersion", "v1");
      }
    }
  }

  /**
   * Upstream's image pull policy default: {@code Always} for {@code :latest} or an untagged image
   * without a digest, {@code IfNotPresent} otherwise.
   */
  public static String pullPolicyFor(String image) {
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

  /**
   * Validates template labels and containers at {@code path} (e.g. {@code spec.template}):
   * containers present, names unique DNS labels, images present, ports and policies well formed.
   */
  public static void validate(JsonNode template, String path, List<FieldError> out) {
    LabelSelectors.validateLabels(
        template.path("metadata").get("labels"), path + ".metadata.labels", out);
    JsonNode spec = template.path("spec");
    String specPath = path + ".spec";
    Set<String> names = new HashSet<>();
    if (Nodes.size(spec, "containers") == 0) {
      out.add(FieldError.required(specPath + ".containers", ""));
    }
    containers(spec, "containers", specPath, names, out);
    containers(spec, "initContainers", specPath, names, out);
    String dns = Nodes.text(spec, "dnsPolicy");
    if (!dns.isEmpty()
        && !List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None").contains(dns)) {
      out.add(
          FieldError.notSupported(
              specPath + ".dnsPolicy",
              dns,
              List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")));
    }
  }

  private static void containers(
      JsonNode spec, String list, String specPath, Set<String> names, List<FieldError> out) {
    int i = 0;
    for (JsonNode c : spec.path(list)) {
      String p = specPath + "." + list + "[" + i++ + "]";
      String name = Nodes.text(c, "name");
      if (name.isEmpty()) {
        out.add(FieldError.required(p + ".name", ""));
      } else {
        for (String m : Validation.dns1123Label(name)) {
          out.add(FieldError.invalid(p + ".name", name, m));
        }
        if (!names.add(name)) {
          out.add(FieldError.duplicate(p + ".name", name));
        }
      }
      if (Nodes.text(c, "image").isEmpty()) {
        out.add(FieldError.required(p + ".image", ""));
      }
      String pull = Nodes.text(c, "imagePullPolicy");
      if (!pull.isEmpty() && !List.of("Always", "IfNotPresent", "Never").contains(pull)) {
        out.add(
            FieldError.notSupported(
                p + ".imagePullPolicy", pull, List.of("Always", "IfNotPresent", "Never")));
      }
      int j = 0;
      for (JsonNode port : c.path("ports")) {
        String pp = p + ".ports[" + j++ + "]";
        long n = port.path("containerPort").asLong(0);
        if (n < 1 || n > 65535) {
          out.add(
              FieldError.invalid(
                  pp + ".containerPort", n, "must be between 1 and 65535, inclusive"));
        }
        String proto = Nodes.text(port, "protocol");
        if (!proto.isEmpty() && !List.of("SCTP", "TCP", "UDP").contains(proto)) {
          out.add(FieldError.notSupported(pp + ".protocol", proto, List.of("SCTP", "TCP", "UDP")));
        }
      }
    }
  }

  /** Requires the template's restart policy to be one of {@code allowed}. */
  public static void restartPolicy(
      JsonNode template, String path, List<String> allowed, List<FieldError> out) {
    String rp = Nodes.text(template.path("spec"), "restartPolicy");
    if (!allowed.contains(rp)) {
      out.add(FieldError.notSupported(path + ".spec.restartPolicy", rp, allowed));
    }
  }

  /** The CONTAINERS and IMAGES cells of upstream's printers. */
  public static List<String> containerCells(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : podSpec.path("containers")) {
      names.add(Nodes.text(c, "name"));
      images.add(Nodes.text(c, "image"));
    }
    return List.of(String.join(",", names), String.join(",", images));
  }
}

package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumes: phase {@code Pending} on create, reclaim policy {@code Retain} and volume mode
 * {@code Filesystem} by default; access modes, a positive storage capacity, exactly one volume
 * source and its required fields; the source and volume mode fixed after creation.
 */
final class PersistentVolumeStrategy implements ResourceStrategy {

  static final List<String> ACCESS_MODES =
      List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
  static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
  private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");
  private static final List<String> SOURCES =
      List.of(
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "hostPath",
          "glusterfs",
          "nfs",
          "rbd",
          "quobyte",
          "iscsi",
          "cinder",
          "cephfs",
          "fc",
          "flocker",
          "flexVolume",
          "azureFile",
          "vsphereVolume",
          "azureDisk",
          "photonPersistentDisk",
          "portworxVolume",
          "scaleIO",
          "local",
          "storageos",
          "csi");

  @Override
  public void prepareForCreate(ObjectNode pv) {
    ObjectNode status = pv.putObject("status");
    status.put("phase", "Pending");
    // Upstream stamps the transition with the clock; the creation time is the same instant.
    JsonNode created = pv.path("metadata").get("creationTimestamp");
    if (created != null && created.isTextual()) {
      status.put("lastPhaseTransitionTime", created.asText());
    }
  }

  @Override
  public void applyDefaults(ObjectNode pv) {
    Nodes.defaultText(Nodes.object(pv, "status"), "phase", "Pending");
    ObjectNode spec = Nodes.object(pv, "spec");
    Nodes.defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
    Nodes.defaultText(spec, "volumeMode", "Filesystem");
    ResourceLists.canonicalize(spec.get("capacity"));
    if (spec.get("hostPath") instanceof ObjectNode h && Nodes.unset(h, "type")) {
      h.put("type", "");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pv) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = pv.path("spec");
    accessModes(spec, "spec.accessModes", "", out);
    if (Nodes.size(spec, "capacity") == 0) {
      out.add(FieldError.required("spec.capacity", ""));
    }
    if (!spec.path("capacity").has("storage") || Nodes.size(spec, "capacity") > 1) {
      out.add(
          new FieldError(
              "FieldValueNotSupported",
              "spec.capacity",
              "Unsupported value: "
                  + resourceList(spec.get("capacity"))
                  + ": supported values: \"storage\""));
    }
    for (Map.Entry<String, JsonNode> e : Nodes.entries(spec, "capacity")) {
      String p = key("spec.capacity", e.getKey());
      Quantity q = ResourceLists.parse(e.getValue(), p, out);
      if (q != null) {
        ResourceLists.validatePositive(q, p, out);
      }
    }
    String policy = Nodes.text(spec, "persistentVolumeReclaimPolicy");
    if (!policy.isEmpty() && !RECLAIM_POLICIES.contains(policy)) {
      out.add(
          FieldError.notSupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM_POLICIES));
    }
    int sources = 0;
    for (String s : SOURCES) {
      if (!Nodes.unset(spec, s) && ++sources > 1) {
        out.add(FieldError.forbidden("spec." + s, "may not specify more than 1 volume type"));
      }
    }
    if (sources == 0) {
      out.add(FieldError.required("spec", "must specify a volume type"));
    }
    requiredIn(spec, "hostPath", List.of("path"), out);
    requiredIn(spec, "local", List.of("path"), out);
    requiredIn(spec, "nfs", List.of("server", "path"), out);
    requiredIn(spec, "csi", List.of("driver", "volumeHandle"), out);
    if (!Nodes.unset(spec, "local") && Nodes.unset(spec, "nodeAffinity")) {
      out.add(FieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
    volumeModeAndClass(spec, out);
    return out;
  }

  /** {@code core.ResourceList{"storage":"1Gi"}} with canonical quantities, as Go's {@code %#v}. */
  private static String resourceList(JsonNode list) {
    if (list == null || !list.isObject() || list.isEmpty()) {
      return "core.ResourceList(nil)";
    }
    List<String> parts = new ArrayList<>();
    new java.util.TreeMap<String, JsonNode>(Map.copyOf(toMap(list)))
        .forEach((k, v) -> parts.add(GoValues.quote(k) + ":" + GoValues.scalar(v)));
    return "core.ResourceList{" + String.join(", ", parts) + "}";
  }

  private static Map<String, JsonNode> toMap(JsonNode list) {
    Map<String, JsonNode> m = new java.util.HashMap<>();
    list.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private static void requiredIn(
      JsonNode spec, String source, List<String> fields, List<FieldError> out) {
    JsonNode s = spec.get(source);
    if (s == null || !s.isObject()) {
      return;
    }
    for (String f : fields) {
      if (Nodes.text(s, f).isEmpty()) {
        out.add(FieldError.required("spec." + source + "." + f, ""));
      }
    }
  }

  /** Access modes: at least one, each known, and {@code ReadWriteOncePod} alone. */
  static void accessModes(JsonNode spec, String path, String requiredDetail, List<FieldError> out) {
    List<String> modes = Nodes.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      out.add(FieldError.required(path, requiredDetail));
    }
    for (String m : modes) {
      if (!ACCESS_MODES.contains(m)) {
        out.add(FieldError.notSupported(path, m, ACCESS_MODES));
      }
    }
    if (modes.contains("ReadWriteOncePod") && modes.size() > 1) {
      out.add(FieldError.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
    }
  }

  static void volumeModeAndClass(JsonNode spec, List<FieldError> out) {
    JsonNode mode = spec.get("volumeMode");
    if (mode != null && !mode.isNull() && !VOLUME_MODES.contains(mode.asText())) {
      out.add(FieldError.notSupported("spec.volumeMode", mode.asText(), VOLUME_MODES));
    }
    String storageClass = Nodes.text(spec, "storageClassName");
    if (!storageClass.isEmpty()) {
      Validation.dns1123Subdomain(storageClass, "spec.storageClassName", out);
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pv, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    for (String s : SOURCES) {
      if (!Nodes.same(pv.path("spec").get(s), old.path("spec").get(s))) {
        out.add(
            FieldError.forbidden(
                "spec.persistentvolumesource",
                "spec.persistentvolumesource is immutable after creation"));
        break;
      }
    }
    Validation.immutable(
        pv.path("spec").get("volumeMode"), old.path("spec").get("volumeMode"), "volumeMode", out);
    JsonNode affinity = old.path("spec").get("nodeAffinity");
    if (affinity != null && !affinity.isNull()) {
      Validation.immutable(pv.path("spec").get("nodeAffinity"), affinity, "nodeAffinity", out);
    }
    return out;
  }
}

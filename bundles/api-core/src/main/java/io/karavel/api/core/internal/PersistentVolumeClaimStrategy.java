package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * PersistentVolumeClaims: phase {@code Pending} and volume mode {@code Filesystem} by default;
 * access modes and a positive storage request; the spec fixed after creation except binding ({@code
 * volumeName} once), setting a storage class that was never set, and, for bound claims, the storage
 * request (not below the recorded capacity) and {@code volumeAttributesClassName}.
 */
final class PersistentVolumeClaimStrategy implements ResourceStrategy {

  static final String SPEC_FIXED =
      "spec is immutable after creation except resources.requests and volumeAttributesClassName"
          + " for bound claims";
  private static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

  @Override
  public void applyDefaults(ObjectNode pvc) {
    Nodes.defaultText(Nodes.object(pvc, "status"), "phase", "Pending");
    ObjectNode spec = Nodes.object(pvc, "spec");
    Nodes.defaultText(spec, "volumeMode", "Filesystem");
    if (spec.get("resources") instanceof ObjectNode r) {
      ResourceLists.canonicalize(r.get("requests"));
      ResourceLists.canonicalize(r.get("limits"));
    }
    if (pvc.get("status") instanceof ObjectNode status) {
      ResourceLists.canonicalize(status.get("capacity"));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pvc) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = pvc.path("spec");
    PersistentVolumeStrategy.accessModes(
        spec, "spec.accessModes", "at least 1 access mode is required", out);
    JsonNode storage = spec.path("resources").path("requests").get("storage");
    String p = "spec.resources[storage]";
    if (storage == null || storage.isNull()) {
      out.add(FieldError.required(p, ""));
    } else {
      Quantity q = ResourceLists.parse(storage, p, out);
      if (q != null) {
        ResourceLists.validatePositive(q, p, out);
      }
    }
    PersistentVolumeStrategy.volumeModeAndClass(spec, out);
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pvc, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    JsonNode oldSpec = old.path("spec");
    ObjectNode now = pvc.path("spec").deepCopy();
    ObjectNode before = oldSpec.deepCopy();
    if (Nodes.text(oldSpec, "volumeName").isEmpty()) {
      Nodes.copy(now, before, "volumeName");
    }
    boolean annotated = old.path("metadata").path("annotations").has(BETA_CLASS);
    if (!annotated && Nodes.unset(oldSpec, "storageClassName")) {
      Nodes.copy(now, before, "storageClassName");
    }
    boolean bound = Nodes.text(pvc.path("status"), "phase").equals("Bound");
    if (bound) {
      if (now.path("resources").get("requests") instanceof ObjectNode requests) {
        JsonNode oldStorage = oldSpec.path("resources").path("requests").get("storage");
        if (oldStorage == null) {
          requests.remove("storage");
        } else {
          requests.set("storage", oldStorage);
        }
      }
      Nodes.copy(before, now, "volumeAttributesClassName");
    }
    if (!Nodes.same(now, before)) {
      out.add(
          FieldError.forbidden(
              "spec", SPEC_FIXED + "\n" + Nodes.changedFields(before, now, "spec.")));
    }
    Quantity newSize =
        ResourceLists.get(pvc.path("spec").path("resources").get("requests"), "storage");
    Quantity oldSize = ResourceLists.get(oldSpec.path("resources").get("requests"), "storage");
    Quantity recorded = ResourceLists.get(old.path("status").get("capacity"), "storage");
    if (newSize.compareTo(oldSize) < 0 && newSize.compareTo(recorded) <= 0) {
      out.add(
          FieldError.forbidden(
              "spec.resources.requests.storage", "field can not be less than status.capacity"));
    }
    Validation.immutable(
        pvc.path("spec").get("volumeMode"), oldSpec.get("volumeMode"), "volumeMode", out);
    return out;
  }
}

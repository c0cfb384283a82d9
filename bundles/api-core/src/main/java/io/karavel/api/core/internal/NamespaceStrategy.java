package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces: DNS-1123 label names, the {@code kubernetes} finalizer and phase {@code Active} on
 * create, the {@code kubernetes.io/metadata.name} label, finalizers changed only through {@code
 * namespaces/finalize}.
 */
final class NamespaceStrategy implements ResourceStrategy {

  static final String KUBERNETES_FINALIZER = "kubernetes";
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1123_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode ns) {
    ns.putObject("status").put("phase", "Active");
    ObjectNode spec = Nodes.object(ns, "spec");
    ArrayNode finalizers =
        spec.get("finalizers") instanceof ArrayNode a ? a : spec.putArray("finalizers");
    for (JsonNode f : finalizers) {
      if (f.asText().equals(KUBERNETES_FINALIZER)) {
        return;
      }
    }
    finalizers.add(KUBERNETES_FINALIZER);
  }

  @Override
  public void prepareForUpdate(ObjectNode ns, ObjectNode old) {
    JsonNode finalizers = old.path("spec").get("finalizers");
    if (finalizers == null) {
      if (ns.get("spec") instanceof ObjectNode spec) {
        spec.remove("finalizers");
      }
    } else {
      Nodes.object(ns, "spec").set("finalizers", finalizers.deepCopy());
    }
  }

  @Override
  public void applyDefaults(ObjectNode ns) {
    String name = Nodes.text(ns.path("metadata"), "name");
    if (!name.isEmpty()) {
      Nodes.object(Nodes.object(ns, "metadata"), "labels").put(NAME_LABEL, name);
    }
    if (ns.get("status") instanceof ObjectNode status) {
      Nodes.defaultText(status, "phase", "Active");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode ns) {
    List<FieldError> out = new ArrayList<>();
    for (JsonNode f : ns.path("spec").path("finalizers")) {
      // Upstream reports finalizer problems at the list's path, without the index.
      String p = "spec.finalizers";
      String name = f.asText();
      int before = out.size();
      Validation.qualifiedName(name, p, out);
      if (out.size() == before && !name.contains("/") && !name.equals(KUBERNETES_FINALIZER)) {
        out.add(
            FieldError.invalid(
                p, name, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    String phase = Nodes.text(ns.path("status"), "phase");
    boolean deleting = ns.path("metadata").hasNonNull("deletionTimestamp");
    if (!deleting && !phase.isEmpty() && !phase.equals("Active")) {
      out.add(
          FieldError.invalid(
              "status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
    } else if (deleting && !phase.equals("Terminating")) {
      out.add(
          FieldError.invalid(
              "status.Phase",
              phase,
              "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return out;
  }
}

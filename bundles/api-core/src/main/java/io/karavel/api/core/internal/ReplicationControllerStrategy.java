package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ReplicationControllers: one replica and a selector (and object labels) taken from the template
 * labels by default, template pod spec defaults; a non-empty selector that matches the template,
 * restart policy {@code Always}, no {@code activeDeadlineSeconds}.
 */
final class ReplicationControllerStrategy implements ResourceStrategy {

  static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

  @Override
  public void prepareForCreate(ObjectNode rc) {
    rc.putObject("status").put("replicas", 0);
  }

  @Override
  public void applyDefaults(ObjectNode rc) {
    ObjectNode spec = Nodes.object(rc, "spec");
    JsonNode labels = spec.path("template").path("metadata").get("labels");
    if (labels != null && labels.isObject()) {
      if (Nodes.size(spec, "selector") == 0) {
        spec.set("selector", labels.deepCopy());
      }
      if (Nodes.size(rc.path("metadata"), "labels") == 0) {
        Nodes.object(rc, "metadata").set("labels", labels.deepCopy());
      }
    }
    Nodes.defaultInt(spec, "replicas", 1);
    if (spec.get("template") instanceof ObjectNode template) {
      PodSpecDefaults.applyToSpec(Nodes.object(template, "spec"));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode rc) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = rc.path("spec");
    Validation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", out);
    JsonNode selector = spec.get("selector");
    boolean emptySelector = selector == null || !selector.isObject() || selector.isEmpty();
    if (emptySelector) {
      out.add(FieldError.required("spec.selector", ""));
    } else {
      Validation.labels(selector, "spec.selector", out);
    }
    Validation.nonNegative(spec, "replicas", "spec.replicas", out);
    JsonNode template = spec.get("template");
    if (template == null || !template.isObject()) {
      out.add(FieldError.required("spec.template", ""));
      return out;
    }
    JsonNode labels = template.path("metadata").get("labels");
    if (!emptySelector && !matches(selector, labels)) {
      out.add(
          Validation.invalidRaw(
              "spec.template.metadata.labels", GoValues.stringMap(labels), SELECTOR_MISMATCH));
    }
    Validation.labels(labels, "spec.template.metadata.labels", out);
    PodSpecValidator.validate(template.path("spec"), "spec.template.spec", out);
    String restart = Nodes.text(template.path("spec"), "restartPolicy");
    if (!restart.equals("Always")) {
      out.add(
          FieldError.notSupported("spec.template.spec.restartPolicy", restart, List.of("Always")));
    }
    if (!Nodes.unset(template.path("spec"), "activeDeadlineSeconds")) {
      out.add(
          FieldError.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in ReplicationController is not Supported"));
    }
    return out;
  }

  /** Whether every selector pair is among the labels. */
  static boolean matches(JsonNode selector, JsonNode labels) {
    for (var it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = labels == null ? null : labels.get(e.getKey());
      if (v == null || !v.asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }
}

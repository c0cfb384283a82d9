package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.List;

/** The selector/template checks shared by every controller that owns pods through a template. */
public final class WorkloadChecks {
  private WorkloadChecks() {}

  public static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

  /**
   * Requires {@code spec.selector}, validates it and, if {@code emptyDetail} is given, rejects a
   * selector without requirements with that detail.
   */
  public static void selector(
      JsonNode spec, String specPath, String emptyDetail, List<FieldError> out) {
    JsonNode sel = spec.get("selector");
    if (sel == null || sel.isNull()) {
      out.add(FieldError.required(specPath + ".selector", ""));
      return;
    }
    LabelSelectors.validate(sel, specPath + ".selector", out);
    if (emptyDetail != null && LabelSelectors.empty(sel)) {
      out.add(
          Validation.invalidRaw(specPath + ".selector", GoValues.labelSelector(sel), emptyDetail));
    }
  }

  /**
   * Rejects a template whose labels the selector does not select. A missing selector selects
   * nothing, so it fails here too, as upstream reports both errors.
   */
  public static void templateMatchesSelector(JsonNode spec, String specPath, List<FieldError> out) {
    JsonNode sel = spec.get("selector");
    if (!LabelSelectors.parses(sel)) {
      return;
    }
    JsonNode labels = spec.path("template").path("metadata").get("labels");
    if (!LabelSelectors.matches(sel, labels)) {
      out.add(
          Validation.invalidRaw(
              specPath + ".template.metadata.labels",
              GoValues.stringMap(labels),
              SELECTOR_MISMATCH));
    }
  }

  /** Upstream's apps/v1 rule that {@code spec.selector} never changes after create. */
  public static void selectorImmutable(JsonNode spec, JsonNode oldSpec, List<FieldError> out) {
    Validation.immutable(
        spec.get("selector"),
        oldSpec.get("selector"),
        "spec.selector",
        GoValues.labelSelector(spec.get("selector")),
        out);
  }
}

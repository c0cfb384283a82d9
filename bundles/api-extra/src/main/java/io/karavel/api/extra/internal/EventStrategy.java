package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * events.k8s.io/v1 Event validation: upstream's strict rules for Events created through this group,
 * reported at this group's field names ({@code regarding}, {@code note}).
 */
final class EventStrategy implements ResourceStrategy {
  static final int REPORTING_INSTANCE_LIMIT = 128;
  static final int ACTION_LIMIT = 128;
  static final int REASON_LIMIT = 128;
  static final int NOTE_LIMIT = 1024;

  /** Fields fixed once the event exists; only the series (and metadata) may change. */
  private static final List<String> IMMUTABLE =
      List.of(
          "regarding",
          "reason",
          "note",
          "deprecatedSource",
          "deprecatedFirstTimestamp",
          "deprecatedLastTimestamp",
          "deprecatedCount",
          "type",
          "eventTime",
          "action",
          "related",
          "reportingController",
          "reportingInstance");

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    String namespace = o.path("metadata").path("namespace").asText("");
    String regardingNs = Nodes.text(o.path("regarding"), "namespace");
    if (Nodes.unset(o, "eventTime")) {
      if (regardingNs.isEmpty()
          ? !namespace.isEmpty() && !namespace.equals("default")
          : !namespace.equals(regardingNs)) {
        out.add(
            FieldError.invalid(
                "regarding.namespace", regardingNs, "does not match event.namespace"));
      }
      out.add(FieldError.required("eventTime", ""));
    } else {
      if (regardingNs.isEmpty()
          && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        out.add(
            FieldError.invalid(
                "regarding.namespace", regardingNs, "does not match event.namespace"));
      }
      String controller = Nodes.text(o, "reportingController");
      if (controller.isEmpty()) {
        out.add(FieldError.required("reportingController", ""));
      }
      for (String m : Validation.qualifiedName(controller)) {
        out.add(FieldError.invalid("reportingController", controller, m));
      }
      limited(o, "reportingInstance", REPORTING_INSTANCE_LIMIT, true, out);
      limited(o, "action", ACTION_LIMIT, true, out);
      limited(o, "reason", REASON_LIMIT, true, out);
      limited(o, "note", NOTE_LIMIT, false, out);
    }
    String type = Nodes.text(o, "type");
    if (!type.equals("Normal") && !type.equals("Warning")) {
      out.add(FieldError.invalid("type", "", "has invalid value: " + type));
    }
    for (String f :
        List.of("deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedSource")) {
      JsonNode v = o.get(f);
      if (v != null && !v.isNull() && !(v.isObject() && v.isEmpty())) {
        out.add(FieldError.invalid(f, "", "needs to be unset"));
      }
    }
    if (o.path("deprecatedCount").asLong(0) != 0) {
      out.add(FieldError.invalid("deprecatedCount", "", "needs to be unset"));
    }
    validateSeries(o, out);
    return out;
  }

  private static void limited(
      JsonNode o, String field, int limit, boolean required, List<FieldError> out) {
    String v = Nodes.text(o, field);
    if (required && v.isEmpty()) {
      out.add(FieldError.required(field, ""));
    }
    if (v.length() > limit) {
      out.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
  }

  private static void validateSeries(JsonNode o, List<FieldError> out) {
    JsonNode series = o.get("series");
    if (series == null || series.isNull()) {
      return;
    }
    if (series.path("count").asLong(0) < 2) {
      out.add(FieldError.invalid("series.count", "", "should be at least 2"));
    }
    if (Nodes.unset(series, "lastObservedTime")) {
      out.add(FieldError.required("series.lastObservedTime", ""));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    for (String f : IMMUTABLE) {
      Validation.immutable(o.get(f), old.get(f), f, String.valueOf(o.get(f)), out);
    }
    return out;
  }
}

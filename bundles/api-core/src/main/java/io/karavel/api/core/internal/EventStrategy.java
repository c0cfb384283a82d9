package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Events as upstream validates them: old-style events (no {@code eventTime}) must sit in
 * their object's namespace; new-style ones need the reporting fields within their length limits.
 */
final class EventStrategy implements ResourceStrategy {

  private static final int REPORTING_INSTANCE_LIMIT = 128;
  private static final int ACTION_LIMIT = 128;
  private static final int REASON_LIMIT = 128;
  private static final int NOTE_LIMIT = 1024;
  private static final String NAMESPACE_MISMATCH = "does not match event.namespace";

  @Override
  public List<FieldError> validate(ObjectNode e) {
    List<FieldError> out = new ArrayList<>();
    String namespace = Nodes.text(e.path("metadata"), "namespace");
    String involvedNamespace = Nodes.text(e.path("involvedObject"), "namespace");
    JsonNode eventTime = e.get("eventTime");
    if (eventTime == null || eventTime.isNull() || eventTime.asText().isEmpty()) {
      boolean mismatch =
          involvedNamespace.isEmpty()
              ? !namespace.isEmpty() && !namespace.equals("default")
              : !namespace.equals(involvedNamespace);
      if (mismatch) {
        out.add(
            FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
      }
    } else {
      if (involvedNamespace.isEmpty()
          && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        out.add(
            FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
      }
      String controller = Nodes.text(e, "reportingComponent");
      if (controller.isEmpty()) {
        out.add(FieldError.required("reportingComponent", ""));
      }
      Validation.qualifiedName(controller, "reportingComponent", out);
      required(e, "reportingInstance", REPORTING_INSTANCE_LIMIT, out);
      required(e, "action", ACTION_LIMIT, out);
      required(e, "reason", REASON_LIMIT, out);
      if (Nodes.text(e, "message").length() > NOTE_LIMIT) {
        out.add(
            FieldError.invalid("message", "", "can have at most " + NOTE_LIMIT + " characters"));
      }
    }
    if (!namespace.isEmpty()) {
      Validation.dns1123Subdomain(namespace, "namespace", out);
    }
    return out;
  }

  private static void required(JsonNode e, String field, int limit, List<FieldError> out) {
    String v = Nodes.text(e, field);
    if (v.isEmpty()) {
      out.add(FieldError.required(field, ""));
    }
    if (v.length() > limit) {
      out.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
  }
}

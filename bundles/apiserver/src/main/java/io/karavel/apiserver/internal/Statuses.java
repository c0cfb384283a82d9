package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds {@code meta.k8s.io/v1 Status} objects. */
public final class Statuses {
  private Statuses() {}

  public static ObjectNode failure(ApiException e) {
    ObjectNode s = base();
    s.put("status", "Failure");
    s.put("message", e.getMessage());
    s.put("reason", e.reason());
    ApiException.StatusDetails d = e.details();
    if (d != null) {
      ObjectNode details = s.putObject("details");
      putIf(details, "name", d.name());
      putIf(details, "group", d.group());
      putIf(details, "kind", d.kind());
      putIf(details, "uid", d.uid());
      if (d.causes() != null && !d.causes().isEmpty()) {
        ArrayNode causes = details.putArray("causes");
        for (ApiException.Cause c : d.causes()) {
          ObjectNode cause = causes.addObject();
          putIf(cause, "reason", c.reason());
          putIf(cause, "message", c.message());
          putIf(cause, "field", c.field());
        }
      }
      if (d.retryAfter() != null) {
        details.put("retryAfterSeconds", d.retryAfter());
      }
    }
    s.put("code", e.code());
    return s;
  }

  public static ObjectNode success(String name, String group, String kind, String uid) {
    ObjectNode s = base();
    s.put("status", "Success");
    ObjectNode details = s.putObject("details");
    putIf(details, "name", name);
    putIf(details, "group", group);
    putIf(details, "kind", kind);
    putIf(details, "uid", uid);
    return s;
  }

  private static ObjectNode base() {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    return s;
  }

  private static void putIf(ObjectNode n, String field, String value) {
    if (value != null && !value.isEmpty()) {
      n.put(field, value);
    }
  }
}

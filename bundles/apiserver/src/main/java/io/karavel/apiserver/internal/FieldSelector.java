package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed field selector ({@code ?fieldSelector=metadata.name=x,status.phase!=Running}). Only the
 * fields upstream supports for a resource are accepted: {@code metadata.name} and {@code
 * metadata.namespace} everywhere, plus per-resource fields.
 */
public final class FieldSelector {

  record Requirement(String field, boolean equals, String value) {}

  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /** Per resource (group/plural), the fields beyond metadata.name/namespace upstream supports. */
  private static final Map<String, Set<String>> EXTRA_FIELDS =
      Map.of(
          "/pods",
              Set.of(
                  "spec.nodeName",
                  "spec.restartPolicy",
                  "spec.schedulerName",
                  "spec.serviceAccountName",
                  "spec.hostNetwork",
                  "status.phase",
                  "status.podIP",
                  "status.nominatedNodeName"),
          "/events",
              Set.of(
                  "involvedObject.kind",
                  "involvedObject.namespace",
                  "involvedObject.name",
                  "involvedObject.uid",
                  "involvedObject.apiVersion",
                  "involvedObject.resourceVersion",
                  "involvedObject.fieldPath",
                  "reason",
                  "reportingComponent",
                  "source",
                  "type"),
          "/secrets", Set.of("type"),
          "/nodes", Set.of("spec.unschedulable"),
          "/namespaces", Set.of("status.phase"),
          "/replicationcontrollers", Set.of("status.replicas"),
          "apps/replicasets", Set.of("status.replicas"),
          "batch/jobs", Set.of("status.successful"),
          "certificates.k8s.io/certificatesigningrequests", Set.of("spec.signerName"));

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The value required for {@code field} by an equality requirement, if any. */
  public String requiredValue(String field) {
    for (Requirement r : requirements) {
      if (r.equals && r.field.equals(field)) {
        return r.value;
      }
    }
    return null;
  }

  public boolean matches(JsonNode object) {
    for (Requirement r : requirements) {
      String actual = valueOf(object, r.field);
      if (r.equals != actual.equals(r.value)) {
        return false;
      }
    }
    return true;
  }

  static String valueOf(JsonNode object, String field) {
    if (field.equals("source")) {
      return object.path("source").path("component").asText("");
    }
    JsonNode n = object;
    for (String part : field.split("\\.")) {
      n = n.path(part);
    }
    if (n.isMissingNode() || n.isNull()) {
      return field.equals("spec.unschedulable") || field.equals("spec.hostNetwork") ? "false" : "";
    }
    return n.asText();
  }

  /**
   * Parses a selector for a resource.
   *
   * @throws ApiException 400 for bad syntax or an unsupported field
   */
  public static FieldSelector parse(String text, String group, String plural) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    Set<String> extra = EXTRA_FIELDS.getOrDefault(group + "/" + plural, Set.of());
    List<Requirement> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      String field;
      String value;
      boolean eq;
      int ne = p.indexOf("!=");
      int eq2 = p.indexOf("==");
      int eq1 = p.indexOf('=');
      if (ne > 0) {
        field = p.substring(0, ne);
        value = p.substring(ne + 2);
        eq = false;
      } else if (eq2 > 0) {
        field = p.substring(0, eq2);
        value = p.substring(eq2 + 2);
        eq = true;
      } else if (eq1 > 0) {
        field = p.substring(0, eq1);
        value = p.substring(eq1 + 1);
        eq = true;
      } else {
        throw ApiException.badRequest(
            "invalid selector: '" + text + "'; can't understand '" + p + "'");
      }
      field = field.trim();
      if (!field.equals("metadata.name")
          && !field.equals("metadata.namespace")
          && !extra.contains(field)) {
        throw ApiException.badRequest("field label not supported: " + field);
      }
      out.add(new Requirement(field, eq, value.trim()));
    }
    return new FieldSelector(List.copyOf(out));
  }
}

package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;

/**
 * {@code DeleteOptions} from a DELETE body or query: grace period, propagation policy,
 * preconditions and dry run.
 */
record DeleteOptions(
    Long gracePeriodSeconds,
    String propagationPolicy,
    String preconditionUid,
    String preconditionResourceVersion,
    boolean dryRun) {

  static DeleteOptions read(Exchange ex, int maxBody) {
    byte[] body = ex.body(maxBody);
    JsonNode n = body.length == 0 ? Json.MAPPER.createObjectNode() : Json.parseObject(body);
    return from(n, ex);
  }

  static DeleteOptions from(JsonNode n, Exchange ex) {
    Long grace = n.hasNonNull("gracePeriodSeconds") ? n.get("gracePeriodSeconds").asLong() : null;
    String q = ex.param("gracePeriodSeconds");
    if (grace == null && q != null && !q.isEmpty()) {
      grace = ex.longParam("gracePeriodSeconds", 0);
    }
    String policy = n.path("propagationPolicy").asText(ex.param("propagationPolicy", ""));
    if (policy.isEmpty()) {
      JsonNode orphan = n.get("orphanDependents");
      String qo = ex.param("orphanDependents");
      if ((orphan != null && orphan.asBoolean()) || "true".equals(qo)) {
        policy = "Orphan";
      }
    }
    if (!policy.isEmpty() && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      throw ApiException.invalid(
          "",
          "DeleteOptions",
          "",
          List.of(
              io.karavel.apiserver.spi.FieldError.notSupported(
                  "propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
    }
    boolean dryRun = ex.dryRun();
    for (JsonNode d : n.path("dryRun")) {
      if (!d.asText().equals("All")) {
        throw ApiException.badRequest("Invalid dry run value: \"" + d.asText() + "\"");
      }
      dryRun = true;
    }
    JsonNode pre = n.path("preconditions");
    return new DeleteOptions(
        grace, policy, pre.path("uid").asText(""), pre.path("resourceVersion").asText(""), dryRun);
  }

  void checkPreconditions(ResourceDefinition def, ObjectNode current) {
    ObjectNode meta = Meta.meta(current);
    String uid = Meta.text(meta, "uid");
    String rv = Meta.text(meta, "resourceVersion");
    if (!preconditionUid.isEmpty() && !preconditionUid.equals(uid)) {
      throw ApiException.conflict(
          def.group(),
          def.plural(),
          Meta.name(current),
          "Precondition failed: UID in precondition: "
              + preconditionUid
              + ", UID in object meta: "
              + uid);
    }
    if (!preconditionResourceVersion.isEmpty() && !preconditionResourceVersion.equals(rv)) {
      throw ApiException.conflict(
          def.group(),
          def.plural(),
          Meta.name(current),
          "Precondition failed: ResourceVersion in precondition: "
              + preconditionResourceVersion
              + ", ResourceVersion in object meta: "
              + rv);
    }
  }
}

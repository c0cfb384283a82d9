package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and strategic merge patch (list
 * merge keys and directives from the kind's schema, by the patch service). Server-side apply is
 * refused with 415 until it is wired to the patch service's apply.
 */
final class PatchSupport implements Patching {

  private final io.karavel.patch.PatchService patches;
  private final io.karavel.schema.SchemaService schemas;

  PatchSupport(io.karavel.patch.PatchService patches, io.karavel.schema.SchemaService schemas) {
    this.patches = patches;
    this.schemas = schemas;
  }

  @Override
  public Result apply(
      Exchange ex, ResourceDefinition def, String contentType, ObjectNode target, byte[] patch) {
    return switch (contentType) {
      case MediaTypes.MERGE_PATCH -> merged(target, Json.parse(Json.MAPPER, patch));
      case MediaTypes.STRATEGIC_MERGE_PATCH -> {
        JsonNode p = Json.parse(Json.MAPPER, patch);
        if (!p.isObject()) {
          throw ApiException.badRequest("a strategic merge patch must be a JSON object");
        }
        try {
          ObjectNode out =
              patches.strategicMergePatch(
                  target, (ObjectNode) p, schemas.schemaOf(def.modelClass()));
          yield new Result(out, p.path("metadata").path("resourceVersion").asText(null));
        } catch (io.karavel.patch.PatchException e) {
          throw new ApiException(e.code(), e.reason(), e.getMessage());
        }
      }
      case MediaTypes.JSON_PATCH -> jsonPatch(target, Json.parse(Json.MAPPER, patch));
      case MediaTypes.APPLY_PATCH -> new Result(serverSideApply(ex, def, target, patch), null);
      default ->
          throw new ApiException(
              415,
              "UnsupportedMediaType",
              "the body of the request was in an unknown format -"
                  + " accepted media types include: application/json-patch+json,"
                  + " application/merge-patch+json, application/strategic-merge-patch+json");
    };
  }

  @Override
  public ObjectNode applyToNew(Exchange ex, ResourceDefinition def, byte[] patch) {
    return serverSideApply(ex, def, null, patch);
  }

  /**
   * Server-side apply: merges the applied configuration into the live object (null if absent), with
   * field ownership in {@code metadata.managedFields}; conflicts with other managers are 409 unless
   * {@code force=true}.
   */
  private ObjectNode serverSideApply(
      Exchange ex, ResourceDefinition def, ObjectNode live, byte[] body) {
    String manager = ex.param("fieldManager", "");
    if (manager.isEmpty()) {
      throw ApiException.badRequest(
          "PATCH, application/apply-patch+yaml requests require a fieldManager");
    }
    ObjectNode applied = Json.parseYamlObject(body);
    try {
      io.karavel.patch.ApplyResult r =
          patches.apply(
              live,
              applied,
              manager,
              ex.flag("force"),
              schemas.schemaOf(def.modelClass()),
              java.time.Instant.now());
      if (r.hasConflicts()) {
        List<ApiException.Cause> causes = new ArrayList<>();
        for (io.karavel.patch.ApplyConflict c : r.conflicts()) {
          causes.add(
              new ApiException.Cause(
                  io.karavel.patch.ApplyResult.CAUSE_REASON, c.causeMessage(), c.field()));
        }
        throw new ApiException(
            409,
            "Conflict",
            r.conflictMessage(),
            new ApiException.StatusDetails(
                Meta.name(applied), def.group(), def.plural(), null, causes, null));
      }
      return r.object();
    } catch (io.karavel.patch.PatchException e) {
      throw new ApiException(e.code(), e.reason(), e.getMessage());
    }
  }

  @Override
  public void recordManager(
      Exchange ex, ResourceDefinition def, ObjectNode old, ObjectNode updated) {
    if (MediaTypes.baseType(ex.header("Content-Type")).equals(MediaTypes.APPLY_PATCH)) {
      return; // apply already recorded its own ownership
    }
    String manager =
        io.karavel.patch.PatchService.managerName(
            ex.param("fieldManager"), ex.header("User-Agent"));
    if (manager.isEmpty()) {
      return;
    }
    try {
      ObjectNode recorded =
          patches.recordUpdate(
              old,
              updated,
              manager,
              io.karavel.patch.PatchService.UPDATE,
              def.apiVersion(),
              schemas.schemaOf(def.modelClass()),
              java.time.Instant.now());
      JsonNode mf = recorded.path("metadata").get("managedFields");
      if (mf == null) {
        Meta.meta(updated).remove("managedFields");
      } else {
        Meta.meta(updated).set("managedFields", mf);
      }
    } catch (io.karavel.patch.PatchException e) {
      throw new ApiException(e.code(), e.reason(), e.getMessage());
    }
  }

  private static Result merged(ObjectNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiException.badRequest("a merge patch must be a JSON object");
    }
    String rv = patch.path("metadata").path("resourceVersion").asText(null);
    JsonNode out = mergePatch(target, patch);
    return new Result(Exchange.object(out, "the patched object"), rv);
  }

  /** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : Json.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /** RFC 6902 with RFC 6901 pointers; a failed {@code test} or a missing path is 422. */
  static Result jsonPatch(ObjectNode target, JsonNode ops) {
    if (!ops.isArray()) {
      throw ApiException.badRequest("a JSON patch must be an array of operations");
    }
    JsonNode doc = target.deepCopy();
    String rv = null;
    for (JsonNode op : ops) {
      String kind = op.path("op").asText("");
      String path = op.path("path").asText(null);
      if (path == null) {
        throw invalidPatch("operation has no path: " + op);
      }
      switch (kind) {
        case "add" -> doc = add(doc, path, required(op, "value"));
        case "remove" -> doc = remove(doc, path);
        case "replace" -> {
          get(doc, path);
          doc = add(remove(doc, path), path, required(op, "value"));
        }
        case "move" -> {
          String from = op.path("from").asText();
          JsonNode v = get(doc, from).deepCopy();
          doc = add(remove(doc, from), path, v);
        }
        case "copy" -> doc = add(doc, path, get(doc, op.path("from").asText()).deepCopy());
        case "test" -> {
          if (!get(doc, path).equals(required(op, "value"))) {
            throw invalidPatch("testing value " + path + " failed");
          }
        }
        default -> throw invalidPatch("unexpected operation \"" + kind + "\"");
      }
      if (path.equals("/metadata/resourceVersion") && op.has("value")) {
        rv = op.get("value").asText();
      }
    }
    return new Result(Exchange.object(doc, "the patched object"), rv);
  }

  private static JsonNode required(JsonNode op, String field) {
    if (!op.has(field)) {
      throw invalidPatch("operation " + op.path("op").asText() + " has no " + field);
    }
    return op.get(field);
  }

  private static ApiException invalidPatch(String message) {
    return new ApiException(
        422,
        "Invalid",
        "the server rejected our request due to an error in" + " our request: " + message);
  }

  private static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw invalidPatch("invalid JSON pointer " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonNode get(JsonNode doc, String pointer) {
    JsonNode n = doc;
    for (String t : tokens(pointer)) {
      n = n.isArray() ? n.get(index(t, n.size() - 1, pointer)) : n.get(t);
      if (n == null) {
        throw invalidPatch("path " + pointer + " does not exist");
      }
    }
    return n;
  }

  private static int index(String t, int max, String pointer) {
    try {
      int i = Integer.parseInt(t);
      if (i < 0 || i > max) {
        throw invalidPatch("index out of range in " + pointer);
      }
      return i;
    } catch (NumberFormatException e) {
      throw invalidPatch("invalid array index in " + pointer);
    }
  }

  private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
    List<String> t = tokens(pointer);
    if (t.isEmpty()) {
      return value.deepCopy();
    }
    JsonNode parent = get(doc, pointerOf(t.subList(0, t.size() - 1)));
    String last = t.get(t.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode a) {
      if (last.equals("-")) {
        a.add(value.deepCopy());
      } else {
        a.insert(index(last, a.size(), pointer), value.deepCopy());
      }
    } else {
      throw invalidPatch("cannot add to a scalar at " + pointer);
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, String pointer) {
    List<String> t = tokens(pointer);
    get(doc, pointer);
    JsonNode parent = get(doc, pointerOf(t.subList(0, t.size() - 1)));
    String last = t.get(t.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(last, a.size() - 1, pointer));
    }
    return doc;
  }

  private static String pointerOf(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) {
      sb.append('/').append(t.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }
}

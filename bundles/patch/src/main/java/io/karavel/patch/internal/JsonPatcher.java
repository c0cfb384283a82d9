package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.patch.PatchException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902) with RFC 6901 pointers. Decoding problems are 400s; operations that do not
 * apply to the document are 422s, as kube-apiserver answers them.
 */
final class JsonPatcher {

  /** kube-apiserver's limit (endpoints/handlers/patch.go, maxJSONPatchOperations). */
  static final int MAX_OPERATIONS = 10_000;

  private JsonPatcher() {}

  private record Operation(String op, String path, String from, JsonNode value) {}

  static JsonNode apply(JsonNode target, JsonNode patch) {
    List<Operation> operations = decode(patch);
    JsonNode doc = target.deepCopy();
    for (Operation operation : operations) {
      doc = applyOne(doc, operation);
    }
    return doc;
  }

  private static List<Operation> decode(JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      String kind =
          patch == null
              ? "null"
              : patch.isObject()
                  ? "object"
                  : patch.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      throw PatchException.badRequest(
          "json: cannot unmarshal " + kind + " into Go value of type jsonpatch.Patch");
    }
    if (patch.size() > MAX_OPERATIONS) {
      throw new PatchException(
          413,
          "RequestEntityTooLarge",
          "Request entity too large: The allowed maximum operations in a JSON patch is "
              + MAX_OPERATIONS
              + ", got "
              + patch.size(),
          "too many operations");
    }
    List<Operation> operations = new ArrayList<>();
    for (JsonNode item : patch) {
      if (!item.isObject()) {
        throw PatchException.badRequest(
            "json: cannot unmarshal "
                + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " into Go value of type jsonpatch.Operation");
      }
      operations.add(
          new Operation(
              item.path("op").isTextual() ? item.get("op").asText() : null,
              item.path("path").isTextual() ? item.get("path").asText() : null,
              item.path("from").isTextual() ? item.get("from").asText() : null,
              item.get("value")));
    }
    return operations;
  }

  private static JsonNode applyOne(JsonNode doc, Operation operation) {
    if (operation.op() == null) {
      throw PatchException.unprocessable("Unexpected kind: unknown");
    }
    if (operation.path() == null) {
      throw PatchException.unprocessable(operation.op() + " operation missing path: missing value");
    }
    return switch (operation.op()) {
      case "add" -> add(doc, pointer(operation.path()), requireValue(operation), "add");
      case "remove" -> remove(doc, pointer(operation.path()));
      case "replace" -> replace(doc, pointer(operation.path()), requireValue(operation));
      case "move" -> {
        List<String> from = pointer(requireFrom(operation));
        List<String> to = pointer(operation.path());
        if (to.size() > from.size() && to.subList(0, from.size()).equals(from)) {
          throw PatchException.unprocessable("move operation: cannot move a value into itself");
        }
        JsonNode value = get(doc, from, "move");
        yield add(remove(doc, from), to, value, "move");
      }
      case "copy" -> {
        JsonNode value = get(doc, pointer(requireFrom(operation)), "copy").deepCopy();
        yield add(doc, pointer(operation.path()), value, "copy");
      }
      case "test" -> {
        JsonNode actual = get(doc, pointer(operation.path()), "test");
        if (!JsonValues.equal(actual, requireValue(operation))) {
          throw PatchException.unprocessable(
              "testing value " + operation.path() + " failed: test failed");
        }
        yield doc;
      }
      default -> throw PatchException.unprocessable("Unexpected kind: " + operation.op());
    };
  }

  private static JsonNode requireValue(Operation operation) {
    if (operation.value() == null) {
      throw PatchException.unprocessable(operation.op() + " operation value: missing value");
    }
    return operation.value().deepCopy();
  }

  private static String requireFrom(Operation operation) {
    if (operation.from() == null) {
      throw PatchException.unprocessable(operation.op() + " operation missing from: missing value");
    }
    return operation.from();
  }

  /** Splits an RFC 6901 pointer into unescaped tokens; the root is the empty list. */
  static List<String> pointer(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) {
      return tokens;
    }
    if (!pointer.startsWith("/")) {
      throw PatchException.unprocessable("JSON pointer must start with /: " + pointer);
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static String render(List<String> tokens) {
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      b.append('/').append(t.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }

  private static JsonNode get(JsonNode doc, List<String> path, String op) {
    JsonNode node = doc;
    for (String token : path) {
      node = child(node, token);
      if (node == null) {
        throw PatchException.unprocessable(
            op
                + " operation does not apply: doc is missing path: "
                + quote(render(path))
                + ": missing value");
      }
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String token) {
    if (node.isObject()) {
      return node.get(token);
    }
    if (node.isArray()) {
      int index = index(token, node.size() - 1);
      return index < 0 ? null : node.get(index);
    }
    return null;
  }

  /** The array index a token names, or -1 if it is not a valid index up to {@code max}. */
  private static int index(String token, int max) {
    if (token.isEmpty()
        || token.length() > 9
        || !token.chars().allMatch(Character::isDigit)
        || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    int index = Integer.parseInt(token);
    return index > max ? -1 : index;
  }

  private static JsonNode parent(JsonNode doc, List<String> path, String op) {
    return get(doc, path.subList(0, path.size() - 1), op);
  }

  private static JsonNode add(JsonNode doc, List<String> path, JsonNode value, String op) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = parent(doc, path, op);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        int index = index(last, array.size());
        if (index < 0) {
          throw PatchException.unprocessable(
              "Unable to access invalid index: " + last + ": invalid index referenced");
        }
        array.insert(index, value);
      }
    } else {
      throw PatchException.unprocessable(
          op
              + " operation does not apply: doc is missing path: "
              + quote(render(path))
              + ": missing value");
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, List<String> path) {
    if (path.isEmpty()) {
      throw PatchException.unprocessable("remove operation does not apply to the whole document");
    }
    JsonNode parent = parent(doc, path, "remove");
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array && index(last, array.size() - 1) >= 0) {
      array.remove(index(last, array.size() - 1));
    } else {
      throw PatchException.unprocessable(
          "Unable to remove nonexistent key: " + last + ": missing value");
    }
    return doc;
  }

  private static JsonNode replace(JsonNode doc, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = parent(doc, path, "replace");
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array && index(last, array.size() - 1) >= 0) {
      array.set(index(last, array.size() - 1), value);
    } else {
      throw PatchException.unprocessable(
          "replace operation does not apply: doc is missing key: "
              + render(path)
              + ": missing value");
    }
    return doc;
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }
}

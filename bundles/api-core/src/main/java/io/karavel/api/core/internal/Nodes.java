package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Small accessors over JSON trees. A field counts as unset when it is missing or JSON {@code null},
 * the way Go's nil pointers and empty strings behave after decoding.
 */
final class Nodes {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Nodes() {}

  static boolean unset(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull();
  }

  /** The text of a string field, or {@code ""} if unset or not a string. */
  static String text(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isTextual() ? n.asText() : "";
  }

  /** The object under {@code field}, created (replacing a null) if needed. */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** The elements of an array field that are objects; empty if the field is not an array. */
  static List<ObjectNode> objects(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (!(n instanceof ArrayNode a) || a.isEmpty()) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>(a.size());
    for (JsonNode e : a) {
      if (e instanceof ObjectNode o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The string elements of an array field. */
  static List<String> strings(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(n.size());
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** The entries of an object field (a Go map), in document order. */
  static List<Map.Entry<String, JsonNode>> entries(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject() || n.isEmpty()) {
      return List.of();
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>(n.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** Number of entries of an array or object field (0 if unset). */
  static int size(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && (n.isArray() || n.isObject()) ? n.size() : 0;
  }

  static boolean isTrue(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isBoolean() && n.booleanValue();
  }

  static void defaultText(ObjectNode parent, String field, String value) {
    if (text(parent, field).isEmpty()) {
      parent.put(field, value);
    }
  }

  static void defaultInt(ObjectNode parent, String field, int value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  static void defaultBool(ObjectNode parent, String field, boolean value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  /**
   * Equality that treats a missing field like JSON null and an empty map/list like a missing one,
   * and compares numbers by value ({@code 30} parsed and {@code 30L} defaulted are the same).
   */
  static boolean same(JsonNode a, JsonNode b) {
    boolean aNone = absent(a);
    boolean bNone = absent(b);
    if (aNone || bNone) {
      return aNone == bNone;
    }
    return a.equals(BY_VALUE, b);
  }

  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
      };

  private static boolean absent(JsonNode n) {
    return n == null
        || n.isNull()
        || n.isMissingNode()
        || ((n.isObject() || n.isArray()) && n.isEmpty());
  }

  /** Sets {@code field} of {@code to} to a copy of the one in {@code from}, or removes it. */
  static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  /** {@code changed: spec.a, spec.b}: the top-level fields that differ, for error messages. */
  static String changedFields(JsonNode before, JsonNode after, String prefix) {
    TreeSet<String> fields = new TreeSet<>();
    before.fieldNames().forEachRemaining(fields::add);
    after.fieldNames().forEachRemaining(fields::add);
    List<String> changed = new ArrayList<>();
    for (String f : fields) {
      if (!same(before.get(f), after.get(f))) {
        changed.add(prefix + f);
      }
    }
    return "changed: " + String.join(", ", changed);
  }
}

package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Small accessors over JSON trees. A field counts as unset when it is missing or JSON {@code null},
 * the way Go's nil pointers and empty strings behave after decoding.
 */
public final class Nodes {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Nodes() {}

  /** Whether {@code field} is missing or null. */
  public static boolean unset(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull();
  }

  /** The text of a string field, or {@code ""} if unset or not a string. */
  public static String text(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isTextual() ? n.asText() : "";
  }

  /** The object under {@code field}, created (replacing a null) if needed. */
  public static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** The elements of an array field that are objects; empty if the field is not an array. */
  public static List<ObjectNode> objects(JsonNode parent, String field) {
    List<ObjectNode> out = new ArrayList<>();
    if (parent.path(field) instanceof ArrayNode a) {
      for (JsonNode e : a) {
        if (e instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** Number of elements of an array field (0 if unset). */
  public static int size(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isArray() ? n.size() : 0;
  }

  /** Whether an object or array field holds at least one entry. */
  public static boolean nonEmpty(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return (n.isObject() || n.isArray()) && n.size() > 0;
  }

  public static void defaultText(ObjectNode parent, String field, String value) {
    if (unset(parent, field) || text(parent, field).isEmpty()) {
      parent.put(field, value);
    }
  }

  public static void defaultInt(ObjectNode parent, String field, int value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  public static void defaultBool(ObjectNode parent, String field, boolean value) {
    if (unset(parent, field)) {
      parent.put(field, value);
    }
  }

  /** A deep copy of {@code node} without the listed top-level fields (for immutability checks). */
  public static JsonNode without(JsonNode node, String... fields) {
    if (!(node instanceof ObjectNode o)) {
      return node == null ? MAPPER.nullNode() : node;
    }
    ObjectNode copy = o.deepCopy();
    copy.remove(List.of(fields));
    return copy;
  }

  /** Equality that treats a missing field like JSON null. */
  public static boolean same(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull() || a.isMissingNode();
    boolean bNull = b == null || b.isNull() || b.isMissingNode();
    if (aNull || bNull) {
      return aNull == bNull;
    }
    return a.equals(b);
  }
}

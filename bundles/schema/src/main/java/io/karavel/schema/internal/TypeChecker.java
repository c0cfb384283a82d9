package io.karavel.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds values whose JSON type the schema does not allow (an array where a string belongs, a string
 * where an integer belongs), reported in upstream's words so a client sees the decode error it
 * would get from kube-apiserver. Unknown fields are left to {@link StrictFieldScanner}.
 */
final class TypeChecker {

  private TypeChecker() {}

  static List<String> typeErrors(JsonNode value, SchemaNode root, String kind) {
    List<String> out = new ArrayList<>();
    walk(value, root, kind, "", out);
    return out;
  }

  private static void walk(
      JsonNode value, SchemaNode node, String kind, String path, List<String> out) {
    if (node == null || value == null || value.isNull()) {
      return;
    }
    if (!allows(node, value)) {
      out.add(
          "json: cannot unmarshal "
              + jsonType(value)
              + " into Go struct field "
              + kind
              + (path.isEmpty() ? "" : "." + path)
              + " of type "
              + goType(node));
      return;
    }
    switch (node.type()) {
      case OBJECT -> {
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          SchemaNode child = node.properties().get(f.getKey());
          walk(f.getValue(), child, kind, join(path, f.getKey()), out);
        }
      }
      case MAP -> {
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          // Upstream names the map field, not the key: ConfigMap.data, not ConfigMap.data.key.
          walk(f.getValue(), node.values(), kind, path, out);
        }
      }
      case ARRAY -> {
        for (JsonNode item : value) {
          walk(item, node.items(), kind, path, out);
        }
      }
      default -> {}
    }
  }

  private static boolean allows(SchemaNode node, JsonNode value) {
    return switch (node.type()) {
      case OBJECT, MAP -> value.isObject();
      case ARRAY -> value.isArray();
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber() || isWholeNumber(value);
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case INT_OR_STRING -> value.isTextual() || value.isNumber();
      case ANY -> true;
    };
  }

  private static boolean isWholeNumber(JsonNode value) {
    // 3.0 decodes into an int upstream; 3.5 does not.
    return value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isBoolean()) {
      return "bool";
    }
    return value.getNodeType().name().toLowerCase();
  }

  private static String goType(SchemaNode node) {
    return switch (node.type()) {
      case OBJECT -> "struct";
      case MAP -> "map[string]" + (node.values() == null ? "interface {}" : goType(node.values()));
      case ARRAY -> "[]" + (node.items() == null ? "interface {}" : goType(node.items()));
      case STRING -> "string";
      case INTEGER -> "int";
      case NUMBER -> "float64";
      case BOOLEAN -> "bool";
      case INT_OR_STRING -> "intstr.IntOrString";
      case ANY -> "interface {}";
    };
  }
}

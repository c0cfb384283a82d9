package io.karavel.schema.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.schema.FieldViolation;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds unknown and duplicate fields the way upstream's strict JSON decoder does: in document
 * order, one streaming pass, the fields under an unknown field left unvisited (so a field both
 * unknown and repeated is reported once, as unknown).
 */
final class StrictFieldScanner {

  private final JsonFactory factory;

  StrictFieldScanner(JsonFactory factory) {
    this.factory = factory;
  }

  /** Violations of a JSON body; with a null schema, duplicates only. Empty for invalid JSON. */
  List<FieldViolation> scan(byte[] json, SchemaNode root) {
    List<FieldViolation> out = new ArrayList<>();
    try (JsonParser parser = factory.createParser(json)) {
      if (parser.nextToken() == null) {
        return List.of();
      }
      value(parser, root, "", out);
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private void value(JsonParser p, SchemaNode node, String path, List<FieldViolation> out)
      throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      object(p, node, path, out);
    } else if (token == JsonToken.START_ARRAY) {
      SchemaNode items = node != null && node.type() == SchemaType.ARRAY ? node.items() : null;
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        value(p, items, path + "[" + index++ + "]", out);
      }
    }
  }

  private void object(JsonParser p, SchemaNode node, String path, List<FieldViolation> out)
      throws IOException {
    boolean typed = node != null && node.type() == SchemaType.OBJECT;
    SchemaNode mapValues = node != null && node.type() == SchemaType.MAP ? node.values() : null;
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      String childPath = path.isEmpty() ? name : path + "." + name;
      if (typed) {
        SchemaNode child = node.properties().get(name);
        if (child == null) {
          if (seen.add(name)) {
            out.add(FieldViolation.unknown(childPath));
          }
          p.skipChildren();
          continue;
        }
        if (!seen.add(name)) {
          out.add(FieldViolation.duplicate(childPath));
        }
        value(p, child, childPath, out);
      } else {
        if (!seen.add(name)) {
          out.add(FieldViolation.duplicate(childPath));
        }
        value(p, mapValues, childPath, out);
      }
    }
  }

  /** Unknown fields of a parsed tree, in document order. */
  static List<String> unknownFields(JsonNode value, SchemaNode root) {
    List<String> out = new ArrayList<>();
    walk(value, root, "", out);
    return out;
  }

  private static void walk(JsonNode value, SchemaNode node, String path, List<String> out) {
    if (node == null) {
      return;
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        switch (node.type()) {
          case OBJECT -> {
            SchemaNode child = node.properties().get(field.getKey());
            if (child == null) {
              out.add(childPath);
            } else {
              walk(field.getValue(), child, childPath, out);
            }
          }
          case MAP -> walk(field.getValue(), node.values(), childPath, out);
          default -> {}
        }
      }
    } else if (value.isArray() && node.type() == SchemaType.ARRAY) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), node.items(), path + "[" + i + "]", out);
      }
    }
  }
}

package io.karavel.apiserver.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field checks against the model classes: fields a kind's Jackson-annotated class does not declare
 * (found by introspecting the class, as the schema of the kind), and duplicate keys in raw JSON.
 */
final class SchemaSupport implements Decoding.FieldChecker {

  private final Map<JavaType, Map<String, JavaType>> properties = new ConcurrentHashMap<>();

  @Override
  public List<String> unknownFields(ObjectNode object, Class<?> modelClass) {
    List<String> out = new ArrayList<>();
    walk(object, Json.MAPPER.constructType(modelClass), "", out);
    return out;
  }

  private Map<String, JavaType> propertiesOf(JavaType type) {
    return properties.computeIfAbsent(
        type,
        t -> {
          BeanDescription d = Json.MAPPER.getDeserializationConfig().introspect(t);
          Map<String, JavaType> props = new HashMap<>();
          for (BeanPropertyDefinition p : d.findProperties()) {
            if (p.getPrimaryType() != null) {
              props.put(p.getName(), p.getPrimaryType());
            }
          }
          return props;
        });
  }

  private static boolean opaque(JavaType type) {
    Class<?> raw = type.getRawClass();
    return raw == Object.class
        || JsonNode.class.isAssignableFrom(raw)
        || raw.getName().startsWith("java.")
        || type.isMapLikeType()
        || raw.getSimpleName().equals("IntOrString")
        || raw.getSimpleName().equals("Quantity")
        || raw.getSimpleName().equals("RawExtension")
        || raw.getSimpleName().equals("FieldsV1")
        || raw.isEnum();
  }

  private void walk(JsonNode node, JavaType type, String path, List<String> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), type.getContentType(), path + "[" + i + "]", out);
        }
      }
      return;
    }
    if (opaque(type) || !node.isObject()) {
      return;
    }
    Map<String, JavaType> props = propertiesOf(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JavaType t = props.get(e.getKey());
      if (t == null) {
        out.add(child);
      } else {
        walk(e.getValue(), t, child, out);
      }
    }
  }

  @Override
  public List<String> duplicateFields(byte[] json) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      Deque<Set<String>> seen = new ArrayDeque<>();
      Deque<String> names = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_OBJECT -> seen.push(new HashSet<>());
          case END_OBJECT -> seen.pop();
          case FIELD_NAME -> {
            String name = p.currentName();
            if (!seen.peek().add(name)) {
              String parent = p.getParsingContext().getParent().pathAsPointer().toString();
              String dotted =
                  parent.isEmpty() ? name : parent.substring(1).replace('/', '.') + "." + name;
              out.add(dotted);
            }
          }
          default -> {}
        }
      }
      names.clear();
    } catch (IOException e) {
      // malformed JSON is reported by the decoder
    }
    return out;
  }
}

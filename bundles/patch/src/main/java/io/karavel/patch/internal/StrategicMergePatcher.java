package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.patch.PatchException;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.PatchStrategy;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Strategic merge patch as kube-apiserver applies it (apimachinery {@code util/strategicpatch}):
 * maps merge like a merge patch; lists whose field has the {@code merge} strategy merge by their
 * merge key (objects) or as sets (scalars), other lists are replaced; the directives {@code $patch}
 * (replace, delete), {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>} and {@code
 * $setElementOrder/<field>} are honoured, and none is left in the result, not even inside values
 * new to the object.
 */
final class StrategicMergePatcher {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatcher() {}

  static ObjectNode apply(ObjectNode original, ObjectNode patch, SchemaNode root) {
    JsonNode merged = mergeMap(original.deepCopy(), patch.deepCopy(), root);
    return merged == null ? JSON.objectNode() : (ObjectNode) merged;
  }

  /** Merges {@code patch} into {@code original} (which it may change) and returns the result. */
  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, SchemaNode schema) {
    JsonNode directive = patch.remove(DIRECTIVE);
    if (directive != null) {
      switch (directive.asText()) {
        case "replace" -> {
          return mergeMap(JSON.objectNode(), patch, schema);
        }
        case "delete" -> {
          return JSON.objectNode();
        }
        case "merge" -> {}
        default ->
            throw PatchException.internal(
                "unknown patch type: " + directive.asText() + " in map: " + patch);
      }
    }
    applyRetainKeys(original, patch);
    mergeOrderedLists(original, patch, schema);
    List<String> keys = new ArrayList<>();
    patch.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode value = patch.get(key);
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(
            original, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
        continue;
      }
      if (key.startsWith(SET_ELEMENT_ORDER) || key.equals(RETAIN_KEYS) || key.equals(DIRECTIVE)) {
        continue;
      }
      if (value.isNull()) {
        original.remove(key);
        continue;
      }
      SchemaNode child = child(schema, key);
      FieldMeta meta = meta(schema, key);
      JsonNode current = original.get(key);
      if (current == null || current.isNull()) {
        JsonNode fresh = fresh(value, child, meta);
        if (fresh != null) {
          original.set(key, fresh);
        }
      } else if (current.isObject() && value.isObject()) {
        if (meta.patchStrategies().contains(PatchStrategy.REPLACE)) {
          original.set(key, fresh(value, child, meta));
        } else {
          original.set(key, mergeMap((ObjectNode) current, (ObjectNode) value, child));
        }
      } else if (current.isArray() && value.isArray()) {
        original.set(key, mergeList((ArrayNode) current, (ArrayNode) value, meta, items(child)));
      } else {
        JsonNode fresh = fresh(value, child, meta);
        if (fresh == null) {
          original.remove(key);
        } else {
          original.set(key, fresh);
        }
      }
    }
    return original;
  }

  /** A patch value for a key the original lacks, its directives applied to nothing. */
  private static JsonNode fresh(JsonNode value, SchemaNode schema, FieldMeta meta) {
    if (value.isObject()) {
      JsonNode directive = value.get(DIRECTIVE);
      if (directive != null && directive.asText().equals("delete")) {
        return null;
      }
      return mergeMap(JSON.objectNode(), (ObjectNode) value, schema);
    }
    if (value.isArray()) {
      return mergeList(JSON.arrayNode(), (ArrayNode) value, meta, items(schema));
    }
    return value;
  }

  private static ArrayNode mergeList(
      ArrayNode original, ArrayNode patch, FieldMeta meta, SchemaNode items) {
    if (!meta.mergeList()) {
      return stripped(patch, items);
    }
    for (JsonNode element : patch) {
      if (element.isObject()
          && element.size() == 1
          && element.path(DIRECTIVE).asText().equals("replace")) {
        ArrayNode replacement = JSON.arrayNode();
        for (JsonNode e : patch) {
          if (e != element) {
            replacement.add(e);
          }
        }
        return stripped(replacement, items);
      }
    }
    if (patch.isEmpty()) {
      return original;
    }
    String mergeKey = meta.patchMergeKey();
    boolean scalars = mergeKey == null || !allObjects(patch);
    if (scalars) {
      List<JsonNode> both = new ArrayList<>();
      original.forEach(both::add);
      for (JsonNode e : patch) {
        if (!e.isObject() || !e.has(DIRECTIVE)) {
          both.add(e);
        }
      }
      return toArray(deduplicateScalars(both));
    }
    ArrayNode merged = original.deepCopy();
    for (JsonNode element : patch) {
      ObjectNode item = (ObjectNode) element;
      JsonNode key = item.get(mergeKey);
      JsonNode directive = item.get(DIRECTIVE);
      if (key == null) {
        throw PatchException.internal(
            "map: " + item + " does not contain declared merge key: " + mergeKey);
      }
      int index = indexOfKey(merged, mergeKey, key);
      if (directive != null) {
        if (!directive.asText().equals("delete")) {
          throw PatchException.internal(
              "unknown patch type: " + directive.asText() + " in map: " + item);
        }
        while (index >= 0) {
          merged.remove(index);
          index = indexOfKey(merged, mergeKey, key);
        }
      } else if (index >= 0) {
        merged.set(index, mergeMap((ObjectNode) merged.get(index), item.deepCopy(), items));
      } else {
        merged.add(mergeMap(JSON.objectNode(), item.deepCopy(), items));
      }
    }
    return merged;
  }

  /** A list taken as it is from the patch, without directive elements or keys. */
  private static ArrayNode stripped(ArrayNode list, SchemaNode items) {
    ArrayNode out = JSON.arrayNode();
    for (JsonNode e : list) {
      if (e.isObject()) {
        if (e.has(DIRECTIVE)) {
          continue;
        }
        out.add(mergeMap(JSON.objectNode(), (ObjectNode) e.deepCopy(), items));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchException.badRequest("invalid patch format of retainKeys");
    }
    List<String> keep = new ArrayList<>();
    retain.forEach(k -> keep.add(k.asText()));
    patch
        .fields()
        .forEachRemaining(
            e -> {
              String k = e.getKey();
              if (!e.getValue().isNull()
                  && !k.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                  && !k.startsWith(SET_ELEMENT_ORDER)
                  && !keep.contains(k)) {
                throw PatchException.badRequest("invalid patch format of retainKeys");
              }
            });
    List<String> drop = new ArrayList<>();
    original
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (!keep.contains(k)) {
                drop.add(k);
              }
            });
    original.remove(drop);
  }

  private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode values) {
    if (field.isEmpty() || !values.isArray()) {
      throw PatchException.badRequest("invalid patch format of primitive list");
    }
    JsonNode current = original.get(field);
    if (current == null || !current.isArray()) {
      return;
    }
    ArrayNode kept = JSON.arrayNode();
    for (JsonNode e : current) {
      boolean delete = false;
      for (JsonNode v : values) {
        delete |= JsonValues.equal(e, v);
      }
      if (!delete) {
        kept.add(e);
      }
    }
    original.set(field, kept);
  }

  /**
   * Merges each list that carries a {@code $setElementOrder/} directive and orders the result: the
   * directive's order first, then the order in the patch, then the live order, items only the
   * server has keeping their place relative to the others.
   */
  private static void mergeOrderedLists(ObjectNode original, ObjectNode patch, SchemaNode schema) {
    List<String> directives = new ArrayList<>();
    patch
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (k.startsWith(SET_ELEMENT_ORDER)) {
                directives.add(k);
              }
            });
    for (String directive : directives) {
      JsonNode order = patch.remove(directive);
      String field = directive.substring(SET_ELEMENT_ORDER.length());
      if (field.isEmpty() || !order.isArray()) {
        throw PatchException.badRequest("invalid patch format of setElementOrder list");
      }
      FieldMeta meta = meta(schema, field);
      SchemaNode items = items(child(schema, field));
      String mergeKey = meta.patchMergeKey();
      JsonNode current = original.get(field);
      JsonNode patchList = patch.remove(field);
      boolean inOriginal = current != null && current.isArray();
      boolean inPatch = patchList != null && patchList.isArray();
      ArrayNode merged;
      if (inOriginal && !inPatch) {
        merged = (ArrayNode) current;
      } else if (!inOriginal && inPatch) {
        merged = mergeList(JSON.arrayNode(), (ArrayNode) patchList, meta, items);
      } else if (inOriginal) {
        merged = mergeList((ArrayNode) current, (ArrayNode) patchList, meta, items);
      } else {
        continue;
      }
      List<JsonNode> orderList = list(order);
      List<JsonNode> inOrder = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      for (JsonNode item : merged) {
        (indexIn(orderList, item, mergeKey) >= 0 ? inOrder : serverOnly).add(item);
      }
      List<JsonNode> serverOrder = inOriginal ? list(current) : List.of();
      sortBy(inOrder, orderList, mergeKey);
      sortBy(serverOnly, serverOrder, mergeKey);
      original.set(field, toArray(mergeSorted(serverOnly, inOrder, serverOrder, mergeKey)));
    }
  }

  /** Upstream's stable insertion order: items found in {@code order} follow it, others stay. */
  private static void sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
    for (int i = 1; i < items.size(); i++) {
      for (int j = i; j > 0 && less(items.get(j), items.get(j - 1), order, mergeKey); j--) {
        JsonNode t = items.get(j);
        items.set(j, items.get(j - 1));
        items.set(j - 1, t);
      }
    }
  }

  private static boolean less(JsonNode a, JsonNode b, List<JsonNode> order, String mergeKey) {
    int ia = indexIn(order, a, mergeKey);
    int ib = indexIn(order, b, mergeKey);
    return ia < 0 || ib < 0 || ia < ib;
  }

  /** Interleaves server-only items into the patch items by their live order, patch items first. */
  private static List<JsonNode> mergeSorted(
      List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder, String mergeKey) {
    List<JsonNode> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = indexIn(serverOrder, left.get(i), mergeKey);
        int ri = indexIn(serverOrder, right.get(j), mergeKey);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  private static int indexIn(List<JsonNode> list, JsonNode item, String mergeKey) {
    JsonNode wanted = mergeKey == null ? item : item.get(mergeKey);
    for (int i = 0; i < list.size(); i++) {
      JsonNode candidate = mergeKey == null ? list.get(i) : list.get(i).get(mergeKey);
      if (wanted != null && candidate != null && JsonValues.equal(wanted, candidate)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfKey(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode candidate = list.get(i).get(mergeKey);
      if (candidate != null && JsonValues.equal(candidate, key)) {
        return i;
      }
    }
    return -1;
  }

  /** Upstream's in-place deduplication, which moves the last item into a duplicate's place. */
  private static List<JsonNode> deduplicateScalars(List<JsonNode> s) {
    List<JsonNode> list = new ArrayList<>(s);
    int length = list.size() - 1;
    for (int i = 0; i < length; i++) {
      for (int j = i + 1; j <= length; j++) {
        if (JsonValues.equal(list.get(i), list.get(j))) {
          list.set(j, list.get(length));
          list.remove(length);
          length--;
          j--;
        }
      }
    }
    return list;
  }

  private static boolean allObjects(ArrayNode list) {
    for (JsonNode e : list) {
      if (!e.isObject()) {
        return false;
      }
    }
    return !list.isEmpty();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static ArrayNode toArray(List<JsonNode> items) {
    ArrayNode out = JSON.arrayNode();
    items.forEach(out::add);
    return out;
  }

  static SchemaNode child(SchemaNode schema, String key) {
    if (schema == null) {
      return null;
    }
    return switch (schema.type()) {
      case OBJECT -> schema.properties().get(key);
      case MAP -> schema.values();
      default -> null;
    };
  }

  static FieldMeta meta(SchemaNode schema, String key) {
    return schema != null && schema.type() == SchemaType.OBJECT
        ? schema.fieldMeta(key)
        : FieldMeta.DEFAULT;
  }

  static SchemaNode items(SchemaNode schema) {
    return schema != null && schema.type() == SchemaType.ARRAY ? schema.items() : null;
  }
}

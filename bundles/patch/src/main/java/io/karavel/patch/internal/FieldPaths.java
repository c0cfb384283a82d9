package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.ListType;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks JSON trees along a schema the way structured-merge-diff walks typed values: the fields an
 * object sets, what changed between two objects, the apply merge, and removal of paths. Structures
 * marked atomic, free-form values and lists that are neither keyed nor sets are single values.
 */
final class FieldPaths {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Fields neither apply nor update tracks: identity, server-set metadata, and status. */
  private static final List<List<String>> IGNORED =
      List.of(
          List.of("f:apiVersion"),
          List.of("f:kind"),
          List.of("f:status"),
          List.of("f:metadata", "f:name"),
          List.of("f:metadata", "f:namespace"),
          List.of("f:metadata", "f:uid"),
          List.of("f:metadata", "f:resourceVersion"),
          List.of("f:metadata", "f:generation"),
          List.of("f:metadata", "f:creationTimestamp"),
          List.of("f:metadata", "f:deletionTimestamp"),
          List.of("f:metadata", "f:deletionGracePeriodSeconds"),
          List.of("f:metadata", "f:selfLink"),
          List.of("f:metadata", "f:managedFields"));

  /** Additions, changes and removals between two objects. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
    FieldSet changed() {
      FieldSet changed = added.copy();
      changed.addAll(modified);
      return changed;
    }
  }

  private FieldPaths() {}

  /** Drops the untracked fields from a set. */
  static FieldSet tracked(FieldSet set) {
    for (List<String> path : IGNORED) {
      set.removeSubtree(path);
    }
    // the metadata node itself is never owned, only its fields
    FieldSet metadataMember = new FieldSet();
    metadataMember.add(List.of("f:metadata"));
    set.removeAll(metadataMember);
    set.prune();
    return set;
  }

  /** The fields {@code object} sets: leaves, keyed and set list items, empty objects. */
  static FieldSet fieldsOf(JsonNode object, SchemaNode schema) {
    FieldSet set = new FieldSet();
    collect(object, schema, FieldMeta.DEFAULT, new ArrayList<>(), set);
    return tracked(set);
  }

  private static void collect(
      JsonNode value, SchemaNode schema, FieldMeta meta, List<String> path, FieldSet set) {
    if (value.isObject() && isStruct(schema)) {
      if (value.isEmpty()) {
        addMember(set, path);
        return;
      }
      value
          .fields()
          .forEachRemaining(
              e -> {
                path.add("f:" + e.getKey());
                collect(
                    e.getValue(), child(schema, e.getKey()), meta(schema, e.getKey()), path, set);
                path.remove(path.size() - 1);
              });
    } else if (value.isArray() && keyed(meta, value)) {
      for (JsonNode item : value) {
        path.add(keyElement(item, meta.listMapKeys()));
        addMember(set, path);
        collectFields(item, items(schema), path, set);
        path.remove(path.size() - 1);
      }
    } else if (value.isArray() && meta.listType() == ListType.SET) {
      for (JsonNode item : value) {
        path.add("v:" + item);
        addMember(set, path);
        path.remove(path.size() - 1);
      }
    } else {
      addMember(set, path);
    }
  }

  private static void collectFields(
      JsonNode item, SchemaNode schema, List<String> path, FieldSet set) {
    item.fields()
        .forEachRemaining(
            e -> {
              path.add("f:" + e.getKey());
              collect(e.getValue(), child(schema, e.getKey()), meta(schema, e.getKey()), path, set);
              path.remove(path.size() - 1);
            });
  }

  private static void addMember(FieldSet set, List<String> path) {
    if (!path.isEmpty()) {
      set.add(path);
    }
  }

  /** What changed from {@code before} to {@code after}, untracked fields left out. */
  static Comparison compare(JsonNode before, JsonNode after, SchemaNode schema) {
    Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
    compare(before, after, schema, FieldMeta.DEFAULT, new ArrayList<>(), c);
    tracked(c.added());
    tracked(c.modified());
    tracked(c.removed());
    return c;
  }

  private static void compare(
      JsonNode a, JsonNode b, SchemaNode schema, FieldMeta meta, List<String> path, Comparison c) {
    if (a == null && b == null) {
      return;
    }
    if (a == null) {
      added(b, schema, meta, path, c.added());
      return;
    }
    if (b == null) {
      added(a, schema, meta, path, c.removed());
      return;
    }
    if (a.isObject() && b.isObject() && isStruct(schema)) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        path.add("f:" + key);
        compare(a.get(key), b.get(key), child(schema, key), meta(schema, key), path, c);
        path.remove(path.size() - 1);
      }
    } else if (a.isArray() && b.isArray() && keyed(meta, a) && keyed(meta, b)) {
      Map<String, JsonNode> before = byKey(a, meta);
      Map<String, JsonNode> after = byKey(b, meta);
      Set<String> keys = new LinkedHashSet<>(before.keySet());
      keys.addAll(after.keySet());
      SchemaNode items = items(schema);
      for (String key : keys) {
        path.add(key);
        JsonNode x = before.get(key);
        JsonNode y = after.get(key);
        if (x != null && y != null) {
          compareFields(x, y, items, path, c);
        } else {
          compare(x, y, items, FieldMeta.DEFAULT, path, c);
        }
        path.remove(path.size() - 1);
      }
    } else if (a.isArray() && b.isArray() && meta.listType() == ListType.SET) {
      Set<String> before = new LinkedHashSet<>();
      Set<String> after = new LinkedHashSet<>();
      a.forEach(v -> before.add("v:" + v));
      b.forEach(v -> after.add("v:" + v));
      for (String v : after) {
        if (!before.contains(v)) {
          c.added().add(append(path, v));
        }
      }
      for (String v : before) {
        if (!after.contains(v)) {
          c.removed().add(append(path, v));
        }
      }
    } else if (!JsonValues.equal(a, b)) {
      addMember(c.modified(), path);
    }
  }

  private static void compareFields(
      JsonNode a, JsonNode b, SchemaNode schema, List<String> path, Comparison c) {
    Set<String> keys = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(keys::add);
    b.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      path.add("f:" + key);
      compare(a.get(key), b.get(key), child(schema, key), meta(schema, key), path, c);
      path.remove(path.size() - 1);
    }
  }

  /**
   * A value that appeared (or disappeared), as upstream's update entries record it: maps, set lists
   * and list items are members themselves ({@code ".": {}}), structures and keyed lists only
   * through what they hold.
   */
  private static void added(
      JsonNode value, SchemaNode schema, FieldMeta meta, List<String> path, FieldSet set) {
    boolean listItem = !path.isEmpty() && path.get(path.size() - 1).startsWith("k:");
    if (value.isObject() && isStruct(schema)) {
      if (schema.type() == SchemaType.MAP || listItem || value.isEmpty()) {
        addMember(set, path);
      }
      value
          .fields()
          .forEachRemaining(
              e -> {
                path.add("f:" + e.getKey());
                added(e.getValue(), child(schema, e.getKey()), meta(schema, e.getKey()), path, set);
                path.remove(path.size() - 1);
              });
    } else if (value.isArray() && keyed(meta, value)) {
      for (JsonNode item : value) {
        path.add(keyElement(item, meta.listMapKeys()));
        added(item, items(schema), FieldMeta.DEFAULT, path, set);
        path.remove(path.size() - 1);
      }
    } else if (value.isArray() && meta.listType() == ListType.SET) {
      addMember(set, path);
      collect(value, schema, meta, path, set);
    } else {
      addMember(set, path);
    }
  }

  /** The apply merge: objects and keyed lists merge, sets unite, everything else is replaced. */
  static JsonNode merge(JsonNode live, JsonNode applied, SchemaNode schema, FieldMeta meta) {
    if (applied == null) {
      return live;
    }
    if (live == null || applied.isNull()) {
      return applied.isNull() ? null : applied.deepCopy();
    }
    if (live.isObject() && applied.isObject() && isStruct(schema)) {
      ObjectNode out = ((ObjectNode) live).deepCopy();
      applied
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode merged =
                    merge(
                        out.get(e.getKey()),
                        e.getValue(),
                        child(schema, e.getKey()),
                        meta(schema, e.getKey()));
                if (merged == null) {
                  out.remove(e.getKey());
                } else {
                  out.set(e.getKey(), merged);
                }
              });
      return out;
    }
    if (live.isArray() && applied.isArray() && keyed(meta, live) && keyed(meta, applied)) {
      ArrayNode out = ((ArrayNode) live).deepCopy();
      for (JsonNode item : applied) {
        String key = keyElement(item, meta.listMapKeys());
        int index = indexOf(out, key, meta);
        if (index >= 0) {
          out.set(index, merge(out.get(index), item, items(schema), FieldMeta.DEFAULT));
        } else {
          out.add(item.deepCopy());
        }
      }
      return out;
    }
    if (live.isArray() && applied.isArray() && meta.listType() == ListType.SET) {
      ArrayNode out = ((ArrayNode) live).deepCopy();
      for (JsonNode item : applied) {
        boolean present = false;
        for (JsonNode existing : out) {
          present |= JsonValues.equal(existing, item);
        }
        if (!present) {
          out.add(item.deepCopy());
        }
      }
      return out;
    }
    return applied.deepCopy();
  }

  /** Removes the value at each member path of {@code paths} from {@code object}, in place. */
  static void remove(ObjectNode object, FieldSet paths, SchemaNode schema) {
    for (List<String> path : paths.members()) {
      removePath(object, path, schema, FieldMeta.DEFAULT);
    }
  }

  /** Removes one path; returns whether {@code node} is left an empty list or map. */
  private static boolean removePath(
      JsonNode node, List<String> path, SchemaNode schema, FieldMeta meta) {
    if (node == null || path.isEmpty()) {
      return false;
    }
    String element = path.get(0);
    boolean last = path.size() == 1;
    if (element.startsWith("f:") && node instanceof ObjectNode object) {
      String name = element.substring(2);
      if (last
          || removePath(
              object.get(name),
              path.subList(1, path.size()),
              child(schema, name),
              meta(schema, name))) {
        object.remove(name);
      }
      return object.isEmpty() && schema != null && schema.type() == SchemaType.MAP;
    }
    if (element.startsWith("k:") && node instanceof ArrayNode array) {
      int index = indexOf(array, element, meta);
      if (index < 0) {
        return false;
      }
      if (last) {
        array.remove(index);
      } else {
        removePath(
            array.get(index), path.subList(1, path.size()), items(schema), FieldMeta.DEFAULT);
      }
      return array.isEmpty();
    }
    if (element.startsWith("v:") && node instanceof ArrayNode array && last) {
      JsonNode value = Json.parse(element.substring(2));
      for (int i = array.size() - 1; i >= 0; i--) {
        if (JsonValues.equal(array.get(i), value)) {
          array.remove(i);
        }
      }
      return array.isEmpty();
    }
    return false;
  }

  /**
   * The {@code k:} element of a keyed list item: its key fields, sorted by name, as compact JSON. A
   * missing {@code protocol} key is upstream's default {@code TCP}.
   */
  static String keyElement(JsonNode item, List<String> keys) {
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    for (String key : keys) {
      JsonNode value = item.get(key);
      if (value == null && key.equals("protocol")) {
        value = JSON.textNode("TCP");
      }
      if (value != null) {
        fields.put(key, value);
      }
    }
    ObjectNode key = JSON.objectNode();
    fields.forEach(key::set);
    return "k:" + key;
  }

  private static int indexOf(ArrayNode list, String keyElement, FieldMeta meta) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isObject()
          && keyElement(list.get(i), meta.listMapKeys()).equals(keyElement)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, JsonNode> byKey(JsonNode list, FieldMeta meta) {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (JsonNode item : list) {
      out.putIfAbsent(keyElement(item, meta.listMapKeys()), item);
    }
    return out;
  }

  private static boolean keyed(FieldMeta meta, JsonNode list) {
    if (meta.listType() != ListType.MAP || meta.listMapKeys().isEmpty()) {
      return false;
    }
    for (JsonNode item : list) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isStruct(SchemaNode schema) {
    return schema != null
        && ((schema.type() == SchemaType.OBJECT && !schema.atomic())
            || schema.type() == SchemaType.MAP);
  }

  private static List<String> append(List<String> path, String element) {
    List<String> out = new ArrayList<>(path);
    out.add(element);
    return out;
  }

  static SchemaNode child(SchemaNode schema, String key) {
    return StrategicMergePatcher.child(schema, key);
  }

  static FieldMeta meta(SchemaNode schema, String key) {
    return StrategicMergePatcher.meta(schema, key);
  }

  static SchemaNode items(SchemaNode schema) {
    return StrategicMergePatcher.items(schema);
  }
}

package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths as structured-merge-diff keeps them, each path a list of elements written as
 * in {@code fieldsV1}: {@code f:<field>}, {@code k:<json key object>} for an item of a keyed list,
 * {@code v:<json value>} for an item of a set, {@code i:<index>}. Mutable; not thread-safe.
 */
final class FieldSet {

  /** Fields first, then keys, values and indexes, as structured-merge-diff orders them. */
  static final Comparator<String> ORDER =
      Comparator.comparingInt(FieldSet::rank).thenComparing(Comparator.naturalOrder());

  private boolean member;
  private final TreeMap<String, FieldSet> children = new TreeMap<>(ORDER);

  private static int rank(String element) {
    return switch (element.charAt(0)) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      default -> 3;
    };
  }

  void add(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.computeIfAbsent(element, e -> new FieldSet());
    }
    node.member = true;
  }

  boolean contains(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.get(element);
      if (node == null) {
        return false;
      }
    }
    return node.member;
  }

  boolean isEmpty() {
    return !member && children.isEmpty();
  }

  FieldSet copy() {
    FieldSet copy = new FieldSet();
    copy.addAll(this);
    return copy;
  }

  /** Adds every member of {@code other}. */
  void addAll(FieldSet other) {
    member |= other.member;
    other.children.forEach(
        (element, child) -> children.computeIfAbsent(element, e -> new FieldSet()).addAll(child));
  }

  /** Removes every member of {@code other}, dropping nodes left empty. */
  void removeAll(FieldSet other) {
    if (other.member) {
      member = false;
    }
    Iterator<Map.Entry<String, FieldSet>> it = children.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, FieldSet> entry = it.next();
      FieldSet theirs = other.children.get(entry.getKey());
      if (theirs != null) {
        entry.getValue().removeAll(theirs);
        if (entry.getValue().isEmpty()) {
          it.remove();
        }
      }
    }
  }

  /** The members present in both. */
  FieldSet intersection(FieldSet other) {
    FieldSet out = new FieldSet();
    out.member = member && other.member;
    children.forEach(
        (element, child) -> {
          FieldSet theirs = other.children.get(element);
          if (theirs != null) {
            FieldSet both = child.intersection(theirs);
            if (!both.isEmpty()) {
              out.children.put(element, both);
            }
          }
        });
    return out;
  }

  /** Removes the node at {@code path} and everything under it. */
  void removeSubtree(List<String> path) {
    if (path.isEmpty()) {
      member = false;
      children.clear();
      return;
    }
    FieldSet child = children.get(path.get(0));
    if (child == null) {
      return;
    }
    child.removeSubtree(path.subList(1, path.size()));
    if (child.isEmpty()) {
      children.remove(path.get(0));
    }
  }

  /** Drops nodes that hold no member. */
  void prune() {
    Iterator<Map.Entry<String, FieldSet>> it = children.entrySet().iterator();
    while (it.hasNext()) {
      FieldSet child = it.next().getValue();
      child.prune();
      if (child.isEmpty()) {
        it.remove();
      }
    }
  }

  /** Every member path, depth first in set order. */
  List<List<String>> members() {
    List<List<String>> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<String> prefix, List<List<String>> out) {
    if (member) {
      out.add(List.copyOf(prefix));
    }
    children.forEach(
        (element, child) -> {
          prefix.add(element);
          child.collect(prefix, out);
          prefix.remove(prefix.size() - 1);
        });
  }

  /** The {@code fieldsV1} encoding: a {@code "."} key marks a member that also has children. */
  ObjectNode toFieldsV1() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (member && !children.isEmpty()) {
      node.putObject(".");
    }
    children.forEach((element, child) -> node.set(element, child.toFieldsV1()));
    return node;
  }

  static FieldSet fromFieldsV1(JsonNode fields) {
    FieldSet set = new FieldSet();
    if (fields != null && fields.isObject()) {
      set.read(fields);
    }
    return set;
  }

  private void read(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equals(".")) {
        member = true;
        continue;
      }
      FieldSet child = new FieldSet();
      if (entry.getValue().isObject() && entry.getValue().size() > 0) {
        child.read(entry.getValue());
      } else {
        child.member = true;
      }
      children.put(entry.getKey(), child);
    }
  }

  /**
   * A path as structured-merge-diff prints it: {@code .spec.containers[name="web"].image}, set
   * items as {@code [="value"]}, indexes as {@code [3]}.
   */
  static String render(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String element : path) {
      String rest = element.substring(2);
      switch (element.charAt(0)) {
        case 'f' -> b.append('.').append(rest);
        case 'k' -> {
          b.append('[');
          JsonNode key = Json.parse(rest);
          List<String> parts = new ArrayList<>();
          key.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().toString()));
          b.append(String.join(",", parts)).append(']');
        }
        case 'v' -> b.append("[=").append(rest).append(']');
        default -> b.append('[').append(rest).append(']');
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }
}

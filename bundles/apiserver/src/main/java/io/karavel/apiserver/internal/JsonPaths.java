package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Dotted paths such as {@code .spec.replicas} into JSON trees. */
final class JsonPaths {
  private JsonPaths() {}

  static JsonNode get(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : split(path)) {
      n = n.path(part);
    }
    return n == null ? MissingNode.getInstance() : n;
  }

  static void set(ObjectNode root, String path, int value) {
    String[] parts = split(path);
    ObjectNode n = root;
    for (int i = 0; i < parts.length - 1; i++) {
      n = n.with(parts[i]);
    }
    n.put(parts[parts.length - 1], value);
  }

  private static String[] split(String path) {
    String p = path.startsWith(".") ? path.substring(1) : path;
    return p.split("\\.");
  }
}

package io.karavel.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The schema of one kind: its model class and the root node.
 *
 * @param modelClass the model class, e.g. {@code io.fabric8.kubernetes.api.model.Pod}
 * @param root the root node, an {@link SchemaType#OBJECT}
 */
public record KindSchema(Class<?> modelClass, SchemaNode root) {

  public KindSchema {
    Objects.requireNonNull(modelClass, "modelClass");
    Objects.requireNonNull(root, "root");
  }

  /**
   * The node at a path of property names, list items being stepped over by {@code "[]"}, map values
   * by {@code "{}"}; e.g. {@code at("spec", "containers", "[]", "env")}.
   */
  public Optional<SchemaNode> at(String... path) {
    SchemaNode node = root;
    for (String step : path) {
      if (node == null) {
        return Optional.empty();
      }
      node =
          switch (step) {
            case "[]" -> node.items();
            case "{}" -> node.values();
            default -> node.properties().get(step);
          };
    }
    return Optional.ofNullable(node);
  }
}

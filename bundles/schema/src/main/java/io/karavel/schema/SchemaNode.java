package io.karavel.schema;

import java.util.Map;
import java.util.Optional;

/**
 * One node of a kind's schema. Nodes of the same model class are shared, so a schema may be a
 * cyclic graph (as {@code JSONSchemaProps} is); walk it along a JSON document, never exhaustively.
 * Nodes are immutable and safe to share between threads.
 */
public interface SchemaNode {

  SchemaType type();

  /**
   * The OpenAPI format ({@code int32}, {@code int64}, {@code date-time}, {@code byte}...), or null.
   */
  String format();

  /** The model class of an {@link SchemaType#OBJECT} node, or null. */
  Class<?> javaClass();

  /**
   * The upstream component name of this node, e.g. {@code io.k8s.api.core.v1.PodSpec} or {@code
   * io.k8s.apimachinery.pkg.apis.meta.v1.Time}, or null for inline types (strings, maps, lists).
   */
  String componentName();

  /** The declared properties of an {@link SchemaType#OBJECT} node, in declaration order. */
  Map<String, SchemaNode> properties();

  /** The declared property {@code name}, if this is an object that has it. */
  default Optional<SchemaNode> property(String name) {
    return Optional.ofNullable(properties().get(name));
  }

  /** The item schema of an {@link SchemaType#ARRAY} node, or null. */
  SchemaNode items();

  /** The value schema of a {@link SchemaType#MAP} node, or null. */
  SchemaNode values();

  /**
   * The merge facts of property {@code name} of this object; {@link FieldMeta#ATOMIC_LIST} for a
   * list nobody described, {@link FieldMeta#DEFAULT} otherwise.
   */
  FieldMeta fieldMeta(String name);

  /**
   * Whether this object is one value for server-side apply ({@code x-kubernetes-map-type: atomic}),
   * as {@code LabelSelector} is.
   */
  boolean atomic();
}

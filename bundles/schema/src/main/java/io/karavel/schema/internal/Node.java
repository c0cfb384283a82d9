package io.karavel.schema.internal;

import io.karavel.schema.FieldMeta;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.util.Map;

/**
 * A schema node. The builder fills the properties of object nodes after creating them, so that
 * cycles can point back at a node under construction; nodes are published only once complete.
 */
final class Node implements SchemaNode {

  private final SchemaType type;
  private final String format;
  private final Class<?> javaClass;
  private final String componentName;
  private final SchemaNode items;
  private final SchemaNode values;
  private Map<String, SchemaNode> properties = Map.of();
  private Map<String, FieldMeta> metas = Map.of();
  private boolean atomic;

  Node(SchemaType type, String format, Class<?> javaClass, String componentName) {
    this(type, format, javaClass, componentName, null, null);
  }

  private Node(
      SchemaType type,
      String format,
      Class<?> javaClass,
      String componentName,
      SchemaNode items,
      SchemaNode values) {
    this.type = type;
    this.format = format;
    this.javaClass = javaClass;
    this.componentName = componentName;
    this.items = items;
    this.values = values;
  }

  static Node array(SchemaNode items) {
    return new Node(SchemaType.ARRAY, null, null, null, items, null);
  }

  static Node map(SchemaNode values) {
    return new Node(SchemaType.MAP, null, null, null, null, values);
  }

  void complete(Map<String, SchemaNode> properties, Map<String, FieldMeta> metas, boolean atomic) {
    this.properties =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    this.metas = Map.copyOf(metas);
    this.atomic = atomic;
  }

  @Override
  public SchemaType type() {
    return type;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public Class<?> javaClass() {
    return javaClass;
  }

  @Override
  public String componentName() {
    return componentName;
  }

  @Override
  public Map<String, SchemaNode> properties() {
    return properties;
  }

  @Override
  public SchemaNode items() {
    return items;
  }

  @Override
  public SchemaNode values() {
    return values;
  }

  @Override
  public FieldMeta fieldMeta(String name) {
    FieldMeta meta = metas.get(name);
    if (meta != null) {
      return meta;
    }
    SchemaNode child = properties.get(name);
    return child != null && child.type() == SchemaType.ARRAY
        ? FieldMeta.ATOMIC_LIST
        : FieldMeta.DEFAULT;
  }

  @Override
  public boolean atomic() {
    return atomic;
  }

  @Override
  public String toString() {
    return componentName != null ? componentName : type.name();
  }
}

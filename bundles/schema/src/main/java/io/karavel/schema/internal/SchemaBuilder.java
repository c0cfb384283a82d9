package io.karavel.schema.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.SchemaNode;
import io.karavel.schema.SchemaType;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Derives schema nodes from Jackson's view of the model classes (the properties Jackson would
 * deserialize, under their JSON names), one node per class, cached. The any-setter that fabric8
 * classes carry for unknown properties is not a property.
 */
final class SchemaBuilder {

  /** String properties that upstream types as {@code metav1.Time}. */
  private static final Set<String> TIME_PROPERTIES =
      Set.of(
          "creationTimestamp",
          "deletionTimestamp",
          "lastTransitionTime",
          "lastProbeTime",
          "lastHeartbeatTime",
          "lastUpdateTime",
          "startTime",
          "startedAt",
          "finishedAt",
          "completionTime",
          "lastScheduleTime",
          "lastSuccessfulTime",
          "firstTimestamp",
          "lastTimestamp",
          "deprecatedFirstTimestamp",
          "deprecatedLastTimestamp",
          "expirationTimestamp");

  /** String properties that upstream types as {@code metav1.MicroTime}. */
  private static final Set<String> MICRO_TIME_PROPERTIES =
      Set.of("eventTime", "renewTime", "acquireTime", "lastObservedTime");

  /** Maps whose values are {@code []byte} upstream (base64 strings on the wire). */
  private static final Set<String> BYTE_MAPS = Set.of("Secret.data", "ConfigMap.binaryData");

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model.";

  static final Node STRING = new Node(SchemaType.STRING, null, null, null);
  static final Node BYTES = new Node(SchemaType.STRING, "byte", null, null);
  static final Node INT32 = new Node(SchemaType.INTEGER, "int32", null, null);
  static final Node INT64 = new Node(SchemaType.INTEGER, "int64", null, null);
  static final Node DOUBLE = new Node(SchemaType.NUMBER, "double", null, null);
  static final Node BOOLEAN = new Node(SchemaType.BOOLEAN, null, null, null);
  static final Node ANY = new Node(SchemaType.ANY, null, null, null);
  static final Node TIME = new Node(SchemaType.STRING, "date-time", null, ComponentNames.TIME);
  static final Node MICRO_TIME =
      new Node(SchemaType.STRING, "date-time", null, ComponentNames.MICRO_TIME);
  static final Node QUANTITY =
      new Node(SchemaType.INT_OR_STRING, null, null, ComponentNames.QUANTITY);
  static final Node INT_OR_STRING =
      new Node(SchemaType.INT_OR_STRING, "int-or-string", null, ComponentNames.INT_OR_STRING);

  private final ObjectMapper mapper = new ObjectMapper();
  private final ConcurrentHashMap<Class<?>, SchemaNode> cache = new ConcurrentHashMap<>();
  private final ReentrantLock buildLock = new ReentrantLock();

  /** The node of a model class, built once. */
  SchemaNode classNode(Class<?> type) {
    SchemaNode cached = cache.get(type);
    if (cached != null) {
      return cached;
    }
    // one build at a time: a build publishes a whole graph of nodes at once
    buildLock.lock();
    try {
      cached = cache.get(type);
      if (cached != null) {
        return cached;
      }
      Map<Class<?>, SchemaNode> building = new HashMap<>();
      SchemaNode node = build(type, building);
      cache.putAll(building);
      return node;
    } finally {
      buildLock.unlock();
    }
  }

  private SchemaNode build(Class<?> type, Map<Class<?>, SchemaNode> building) {
    SchemaNode known = cache.get(type);
    if (known == null) {
      known = building.get(type);
    }
    if (known != null) {
      return known;
    }
    if (extendsAnyType(type)) {
      // RawExtension: an embedded object of any kind
      Node free = new Node(SchemaType.ANY, null, type, ComponentNames.of(type));
      building.put(type, free);
      return free;
    }
    BeanDescription description =
        mapper.getDeserializationConfig().introspect(mapper.constructType(type));
    List<BeanPropertyDefinition> properties =
        description.findProperties().stream()
            .filter(p -> p.hasField() || p.hasSetter() || p.hasConstructorParameter())
            .toList();
    if (properties.isEmpty() && description.findAnySetterAccessor() != null) {
      // FieldsV1 and the like: a free-form object that fabric8 keeps in its any-setter
      Node free = new Node(SchemaType.ANY, null, type, ComponentNames.of(type));
      building.put(type, free);
      return free;
    }
    Node node = new Node(SchemaType.OBJECT, null, type, ComponentNames.of(type));
    building.put(type, node);
    Map<String, SchemaNode> children = new LinkedHashMap<>();
    Map<String, FieldMeta> metas = new HashMap<>();
    for (BeanPropertyDefinition property : properties) {
      String name = property.getName();
      SchemaNode child = typeNode(property.getPrimaryType(), type, name, building);
      children.put(name, child);
      FieldMeta meta = MergeFacts.of(type.getSimpleName(), name);
      if (meta != null) {
        metas.put(name, meta);
      }
    }
    node.complete(children, metas, MergeFacts.ATOMIC_STRUCTS.contains(type.getSimpleName()));
    return node;
  }

  private SchemaNode typeNode(
      JavaType type, Class<?> owner, String property, Map<Class<?>, SchemaNode> building) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      if (TIME_PROPERTIES.contains(property)
          || (property.equals("time") && owner.getSimpleName().equals("ManagedFieldsEntry"))) {
        return TIME;
      }
      return MICRO_TIME_PROPERTIES.contains(property) ? MICRO_TIME : STRING;
    }
    // fabric8 models some timestamps as java.time values (Lease's acquireTime and renewTime) or as
    // its MicroTime wrapper; on the wire all are RFC 3339 strings.
    if (java.time.temporal.Temporal.class.isAssignableFrom(raw)
        || raw.getName().equals(FABRIC8 + "MicroTime")) {
      return MICRO_TIME_PROPERTIES.contains(property) ? MICRO_TIME : TIME;
    }
    if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
      return INT32;
    }
    if (raw == Long.class || raw == long.class) {
      return INT64;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return BOOLEAN;
    }
    if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
      return DOUBLE;
    }
    if (raw == byte[].class) {
      return BYTES;
    }
    if (raw.isEnum() || raw == Character.class) {
      return STRING;
    }
    if (raw.getName().equals(FABRIC8 + "Quantity")) {
      return QUANTITY;
    }
    if (raw.getName().equals(FABRIC8 + "IntOrString")) {
      return INT_OR_STRING;
    }
    if (type.isMapLikeType()) {
      if (BYTE_MAPS.contains(owner.getSimpleName() + "." + property)) {
        return Node.map(BYTES);
      }
      return Node.map(typeNode(type.getContentType(), owner, property, building));
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return Node.array(typeNode(type.getContentType(), owner, property, building));
    }
    if (raw == Object.class
        || JsonNode.class.isAssignableFrom(raw)
        || raw.isInterface()
        || Modifier.isAbstract(raw.getModifiers())
        || Collection.class.isAssignableFrom(raw)) {
      return ANY;
    }
    return build(raw, building);
  }

  private static boolean extendsAnyType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(FABRIC8 + "AnyType")) {
        return true;
      }
    }
    return false;
  }
}

package io.karavel.protobuf.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.karavel.protobuf.internal.GoJsonShapes.Flag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the codec needs to know about one message type, worked out once: how each field is named and
 * rendered in JSON, and whether the type has a JSON form of its own (times, quantities, ...).
 */
final class MessagePlan {

  /** Types whose JSON form is not an object of their fields. */
  enum Special {
    NONE,
    /** {@code metav1.Time}: RFC 3339 seconds, or {@code null}. */
    TIME,
    /** {@code metav1.MicroTime}: RFC 3339 with microseconds, or {@code null}. */
    MICRO_TIME,
    /** {@code metav1.Duration}: Go duration text. */
    DURATION,
    /** {@code intstr.IntOrString}: a number or a string. */
    INT_OR_STRING,
    /** {@code resource.Quantity}: its string. */
    QUANTITY,
    /** A wrapper of raw JSON bytes (RawExtension, FieldsV1, apiextensions JSON). */
    RAW_JSON,
    /** A named Go slice ({@code Verbs}, {@code ExtraValue}): a JSON array of its items. */
    ITEMS
  }

  /** The shape of a field's value. */
  enum Kind {
    SCALAR,
    MESSAGE,
    LIST,
    MAP
  }

  /** One field: its descriptor, position, JSON name and rendering. */
  record FieldPlan(FieldDescriptor field, int index, String jsonName, Flag flag, Kind kind) {
    boolean isValue() {
      return flag == Flag.VALUE || flag == Flag.VALUE_OMITEMPTY || flag == Flag.INLINE;
    }
  }

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final Map<String, Special> SPECIAL_BY_NAME =
      Map.of(
          META + "Time",
          Special.TIME,
          META + "MicroTime",
          Special.MICRO_TIME,
          META + "Duration",
          Special.DURATION,
          "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
          Special.INT_OR_STRING,
          "k8s.io.apimachinery.pkg.api.resource.Quantity",
          Special.QUANTITY,
          "k8s.io.apimachinery.pkg.api.resource.QuantityValue",
          Special.QUANTITY);

  final Descriptor descriptor;
  final Special special;
  final FieldPlan[] fields;
  final Map<String, FieldPlan> byJsonName;
  final List<FieldPlan> inlined;
  private final FieldPlan[] byNumber;
  private final Map<Integer, FieldPlan> byLargeNumber;

  MessagePlan(Descriptor descriptor, GoJsonShapes shapes) {
    this.descriptor = descriptor;
    List<FieldDescriptor> declared = descriptor.getFields();
    this.special = special(descriptor, shapes);
    this.fields = new FieldPlan[declared.size()];
    Map<String, FieldPlan> json = new HashMap<>();
    int max = 0;
    for (int i = 0; i < fields.length; i++) {
      FieldDescriptor f = declared.get(i);
      GoJsonShapes.Field facts = shapes.field(descriptor.getFullName(), f.getName());
      Kind kind =
          f.isMapField()
              ? Kind.MAP
              : f.isRepeated()
                  ? Kind.LIST
                  : f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                      ? Kind.MESSAGE
                      : Kind.SCALAR;
      Flag flag = facts.flag();
      if (flag == Flag.INLINE && kind != Kind.MESSAGE) {
        flag = Flag.UNKNOWN;
      }
      fields[i] = new FieldPlan(f, i, facts.jsonName(), flag, kind);
      if (flag != Flag.INLINE && flag != Flag.HIDDEN) {
        json.put(facts.jsonName(), fields[i]);
      }
      max = Math.max(max, f.getNumber());
    }
    this.byJsonName = Map.copyOf(json);
    this.inlined = java.util.Arrays.stream(fields).filter(f -> f.flag() == Flag.INLINE).toList();
    if (max <= 1024) {
      this.byNumber = new FieldPlan[max + 1];
      for (FieldPlan f : fields) {
        byNumber[f.field().getNumber()] = f;
      }
      this.byLargeNumber = Map.of();
    } else {
      this.byNumber = null;
      Map<Integer, FieldPlan> m = new HashMap<>();
      for (FieldPlan f : fields) {
        m.put(f.field().getNumber(), f);
      }
      this.byLargeNumber = Map.copyOf(m);
    }
  }

  /** The field with a wire number, or {@code null} when the schema has none (it is skipped). */
  FieldPlan byNumber(int number) {
    if (byNumber != null) {
      return number < byNumber.length ? byNumber[number] : null;
    }
    return byLargeNumber.get(number);
  }

  private static Special special(Descriptor d, GoJsonShapes shapes) {
    Special s = SPECIAL_BY_NAME.get(d.getFullName());
    if (s != null) {
      return s;
    }
    List<FieldDescriptor> f = d.getFields();
    if (f.size() == 1
        && !f.get(0).isRepeated()
        && f.get(0).getType() == FieldDescriptor.Type.BYTES
        && f.get(0).getName().equalsIgnoreCase("raw")) {
      return Special.RAW_JSON;
    }
    if (f.size() == 1
        && f.get(0).isRepeated()
        && f.get(0).getName().equals("items")
        && !shapes.knows(d.getFullName())) {
      return Special.ITEMS;
    }
    return Special.NONE;
  }
}

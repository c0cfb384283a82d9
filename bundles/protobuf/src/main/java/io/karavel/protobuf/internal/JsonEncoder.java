package io.karavel.protobuf.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.karavel.protobuf.ProtobufException;
import io.karavel.protobuf.ProtobufException.Reason;
import io.karavel.protobuf.internal.GoJsonShapes.Flag;
import io.karavel.protobuf.internal.MessagePlan.FieldPlan;
import io.karavel.protobuf.internal.MessagePlan.Special;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Builds the protobuf message of a JSON tree, writing what Go's protobuf serializer writes for the
 * struct the JSON decodes into: every value field (zero or not), pointers only when set, map keys
 * sorted. JSON fields the schema does not know are left out.
 */
final class JsonEncoder {

  private final Plans plans;
  private final ObjectMapper mapper;

  JsonEncoder(Plans plans, ObjectMapper mapper) {
    this.plans = plans;
    this.mapper = mapper;
  }

  /** The message for a JSON value ({@code null} meaning Go's zero value). */
  Message encode(MessagePlan plan, JsonNode json, String path) {
    JsonNode j = json == null || json.isNull() || json.isMissingNode() ? null : json;
    DynamicMessage.Builder b = DynamicMessage.newBuilder(plan.descriptor);
    switch (plan.special) {
      case NONE -> encodeObject(plan, j, path, b);
      case TIME, MICRO_TIME -> encodeTime(plan, j, path, b);
      case DURATION -> {
        long nanos = 0;
        if (j != null) {
          nanos = parse(path, j, "a duration string", () -> GoDuration.parse(j.textValue()));
        }
        set(b, plan, 1, nanos);
      }
      case INT_OR_STRING -> {
        long type = 0;
        int intVal = 0;
        String strVal = "";
        if (j != null && j.isTextual()) {
          type = 1;
          strVal = j.textValue();
        } else if (j != null && j.isIntegralNumber() && j.canConvertToInt()) {
          intVal = j.intValue();
        } else if (j != null) {
          throw invalid(path, "an integer or a string", j);
        }
        set(b, plan, 1, type);
        set(b, plan, 2, intVal);
        set(b, plan, 3, strVal);
      }
      case QUANTITY -> {
        String q = "0";
        if (j != null) {
          if (!(j.isTextual() || j.isNumber()) || !Quantities.isValid(j.asText())) {
            throw invalid(path, "a quantity", j);
          }
          q = j.asText();
        }
        set(b, plan, 1, q);
      }
      case RAW_JSON -> {
        if (j != null) {
          try {
            set(b, plan, 1, ByteString.copyFrom(mapper.writeValueAsBytes(j)));
          } catch (JsonProcessingException e) {
            throw new ProtobufException(Reason.INVALID_OBJECT, path + ": " + e.getMessage(), e);
          }
        }
      }
      case ITEMS -> {
        if (j != null) {
          addAll(plan.fields[0], j, path, b);
        }
      }
    }
    return b.build();
  }

  private void encodeObject(
      MessagePlan plan, JsonNode json, String path, DynamicMessage.Builder b) {
    if (json != null && !json.isObject()) {
      throw invalid(path, "an object", json);
    }
    for (FieldPlan f : plan.fields) {
      Flag flag = f.flag();
      FieldDescriptor fd = f.field();
      if (flag == Flag.HIDDEN) {
        continue;
      }
      if (flag == Flag.INLINE) {
        b.setField(fd, encode(plans.of(fd.getMessageType()), json, path));
        continue;
      }
      JsonNode v = json == null ? null : json.get(f.jsonName());
      boolean has = v != null && !v.isNull();
      String at = path.isEmpty() ? f.jsonName() : path + "." + f.jsonName();
      switch (f.kind()) {
        case LIST -> {
          if (has) {
            addAll(f, v, at, b);
          }
        }
        case MAP -> {
          if (has) {
            putAll(f, v, at, b);
          }
        }
        case SCALAR -> {
          if (has) {
            b.setField(fd, scalar(fd, v, at));
          } else if ((flag == Flag.VALUE || flag == Flag.VALUE_OMITEMPTY)
              && fd.getType() != FieldDescriptor.Type.BYTES) {
            // Go writes value fields even when zero; a nil []byte is not written.
            b.setField(fd, fd.getDefaultValue());
          }
        }
        case MESSAGE -> {
          MessagePlan child = plans.of(fd.getMessageType());
          if (has) {
            b.setField(fd, encode(child, v, at));
          } else if (f.isValue() && child.special != Special.ITEMS) {
            b.setField(fd, encode(child, null, at));
          }
        }
      }
    }
  }

  private void addAll(FieldPlan f, JsonNode array, String path, DynamicMessage.Builder b) {
    if (!array.isArray()) {
      throw invalid(path, "an array", array);
    }
    FieldDescriptor fd = f.field();
    MessagePlan element =
        fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? plans.of(fd.getMessageType()) : null;
    int i = 0;
    for (JsonNode e : array) {
      String at = path + "[" + i++ + "]";
      if (element != null) {
        b.addRepeatedField(fd, encode(element, e, at));
      } else {
        b.addRepeatedField(fd, e.isNull() ? fd.getDefaultValue() : scalar(fd, e, at));
      }
    }
  }

  private void putAll(FieldPlan f, JsonNode object, String path, DynamicMessage.Builder b) {
    if (!object.isObject()) {
      throw invalid(path, "an object", object);
    }
    FieldDescriptor fd = f.field();
    Descriptor entry = fd.getMessageType();
    FieldDescriptor key = entry.findFieldByNumber(1);
    FieldDescriptor value = entry.findFieldByNumber(2);
    MessagePlan valuePlan =
        value.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            ? plans.of(value.getMessageType())
            : null;
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    names.sort(null); // Go's protobuf writer sorts map keys.
    for (String name : names) {
      JsonNode v = object.get(name);
      String at = path + "[" + name + "]";
      DynamicMessage.Builder e = DynamicMessage.newBuilder(entry);
      e.setField(
          key,
          key.getJavaType() == FieldDescriptor.JavaType.STRING
              ? name
              : scalar(key, mapper.getNodeFactory().textNode(name), at));
      if (valuePlan != null) {
        e.setField(value, encode(valuePlan, v, at));
      } else {
        e.setField(value, v.isNull() ? value.getDefaultValue() : scalar(value, v, at));
      }
      b.addRepeatedField(fd, e.build());
    }
  }

  private void encodeTime(MessagePlan plan, JsonNode json, String path, DynamicMessage.Builder b) {
    if (json == null) {
      return; // Go writes the zero time as an empty message.
    }
    if (!json.isTextual()) {
      throw invalid(path, "an RFC 3339 time", json);
    }
    Instant t = parse(path, json, "an RFC 3339 time", () -> KubeTimes.parse(json.textValue()));
    if (KubeTimes.isGoZero(t)) {
      return;
    }
    set(b, plan, 1, t.getEpochSecond());
    set(b, plan, 2, plan.special == Special.MICRO_TIME ? t.getNano() / 1000 * 1000 : 0);
  }

  private static Object scalar(FieldDescriptor fd, JsonNode v, String path) {
    switch (fd.getJavaType()) {
      case STRING -> {
        if (v.isTextual()) {
          return v.textValue();
        }
        throw invalid(path, "a string", v);
      }
      case BOOLEAN -> {
        if (v.isBoolean()) {
          return v.booleanValue();
        }
        throw invalid(path, "a boolean", v);
      }
      case INT -> {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
          return v.intValue();
        }
        throw invalid(path, "a 32-bit integer", v);
      }
      case LONG -> {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          return v.longValue();
        }
        throw invalid(path, "a 64-bit integer", v);
      }
      case FLOAT -> {
        if (v.isNumber()) {
          return v.floatValue();
        }
        throw invalid(path, "a number", v);
      }
      case DOUBLE -> {
        if (v.isNumber()) {
          return v.doubleValue();
        }
        throw invalid(path, "a number", v);
      }
      case BYTE_STRING -> {
        if (v.isTextual()) {
          try {
            return ByteString.copyFrom(Base64.getDecoder().decode(v.textValue()));
          } catch (IllegalArgumentException e) {
            throw invalid(path, "base64 data", v);
          }
        }
        throw invalid(path, "base64 data", v);
      }
      case ENUM -> {
        EnumValueDescriptor e =
            v.isTextual() ? fd.getEnumType().findValueByName(v.textValue()) : null;
        if (e != null) {
          return e;
        }
        throw invalid(path, "one of " + fd.getEnumType().getValues(), v);
      }
      default -> throw new IllegalStateException("not a scalar: " + fd.getFullName());
    }
  }

  private static void set(DynamicMessage.Builder b, MessagePlan plan, int number, Object value) {
    FieldPlan f = plan.byNumber(number);
    if (f != null) {
      b.setField(f.field(), value);
    }
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(String path, JsonNode v, String expected, Parse<T> parse) {
    if (!v.isTextual()) {
      throw invalid(path, expected, v);
    }
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ProtobufException(
          Reason.INVALID_OBJECT, (path.isEmpty() ? "" : path + ": ") + e.getMessage(), e);
    }
  }

  private static ProtobufException invalid(String path, String expected, JsonNode actual) {
    String shown = actual.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new ProtobufException(
        Reason.INVALID_OBJECT,
        (path.isEmpty() ? "the object" : path) + ": expected " + expected + ", got " + shown);
  }
}

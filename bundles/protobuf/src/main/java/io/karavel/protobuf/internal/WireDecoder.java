package io.karavel.protobuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import io.karavel.protobuf.ProtobufException;
import io.karavel.protobuf.ProtobufException.Reason;
import io.karavel.protobuf.internal.GoJsonShapes.Flag;
import io.karavel.protobuf.internal.MessagePlan.FieldPlan;
import io.karavel.protobuf.internal.MessagePlan.Special;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads protobuf bytes straight into the JSON tree Go's encoding/json would print for the decoded
 * struct. Fields are collected per message first, so that unset fields can be told from zero ones
 * and rendered by their Go facts, in declaration (Go struct) order.
 */
final class WireDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 100;

  private final Plans plans;
  private final ObjectMapper mapper;
  private final Function<byte[], ObjectNode> envelopes;

  /**
   * @param envelopes decodes a nested {@code k8s\0} body found in a RawExtension
   */
  WireDecoder(Plans plans, ObjectMapper mapper, Function<byte[], ObjectNode> envelopes) {
    this.plans = plans;
    this.mapper = mapper;
    this.envelopes = envelopes;
  }

  /** The JSON form of one message's bytes. */
  JsonNode decode(MessagePlan plan, ByteString bytes) {
    try {
      CodedInputStream in = bytes.newCodedInput();
      return build(plan, read(plan, in, 0), 0);
    } catch (IOException e) {
      throw malformed(plan, e.getMessage(), e);
    }
  }

  private Object[] read(MessagePlan plan, CodedInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw malformed(plan, "messages nested too deeply", null);
    }
    Object[] values = new Object[plan.fields.length];
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return values;
      }
      FieldPlan f = plan.byNumber(WireFormat.getTagFieldNumber(tag));
      int wireType = WireFormat.getTagWireType(tag);
      if (f == null) {
        if (!in.skipField(tag)) {
          throw malformed(plan, "unexpected end-group tag", null);
        }
        continue;
      }
      FieldDescriptor fd = f.field();
      int i = f.index();
      switch (f.kind()) {
        case SCALAR -> {
          expect(fd, wireType, fd.getLiteType().getWireType());
          values[i] = readScalar(fd, in);
        }
        case MESSAGE -> {
          expect(fd, wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          JsonNode child = readMessage(plans.of(fd.getMessageType()), in, depth + 1);
          // A repeated occurrence of a singular message merges into the first, as in protobuf.
          if (values[i] instanceof ObjectNode first && child instanceof ObjectNode next) {
            first.setAll(next);
          } else {
            values[i] = child;
          }
        }
        case LIST -> {
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) values[i];
          if (list == null) {
            list = new ArrayList<>();
            values[i] = list;
          }
          readListElement(plan, f, wireType, in, list, depth);
        }
        case MAP -> {
          expect(fd, wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          @SuppressWarnings("unchecked")
          Map<String, JsonNode> map = (Map<String, JsonNode>) values[i];
          if (map == null) {
            map = new TreeMap<>(); // Go's encoding/json sorts map keys.
            values[i] = map;
          }
          readMapEntry(fd, in, map, depth);
        }
      }
    }
  }

  private void readListElement(
      MessagePlan plan,
      FieldPlan f,
      int wireType,
      CodedInputStream in,
      List<Object> list,
      int depth)
      throws IOException {
    FieldDescriptor fd = f.field();
    if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      expect(fd, wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      list.add(readMessage(plans.of(fd.getMessageType()), in, depth + 1));
      return;
    }
    int scalarWire = fd.getLiteType().getWireType();
    if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED
        && scalarWire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int old = in.pushLimit(in.readRawVarint32());
      while (!in.isAtEnd()) {
        list.add(readScalar(fd, in));
      }
      in.popLimit(old);
      return;
    }
    expect(fd, wireType, scalarWire);
    list.add(readScalar(fd, in));
  }

  private void readMapEntry(
      FieldDescriptor fd, CodedInputStream in, Map<String, JsonNode> map, int depth)
      throws IOException {
    FieldDescriptor keyField = fd.getMessageType().findFieldByNumber(1);
    FieldDescriptor valueField = fd.getMessageType().findFieldByNumber(2);
    MessagePlan valuePlan =
        valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            ? plans.of(valueField.getMessageType())
            : null;
    int old = in.pushLimit(in.readRawVarint32());
    Object key = null;
    JsonNode value = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int number = WireFormat.getTagFieldNumber(tag);
      int wireType = WireFormat.getTagWireType(tag);
      if (number == 1) {
        expect(keyField, wireType, keyField.getLiteType().getWireType());
        key = readScalar(keyField, in);
      } else if (number == 2 && valuePlan != null) {
        expect(valueField, wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        value = readMessage(valuePlan, in, depth + 1);
      } else if (number == 2) {
        expect(valueField, wireType, valueField.getLiteType().getWireType());
        value = scalarNode(readScalar(valueField, in), valueField);
      } else if (!in.skipField(tag)) {
        throw new ProtobufException(Reason.MALFORMED, "unexpected end-group tag in a map entry");
      }
    }
    in.popLimit(old);
    if (value == null) {
      value =
          valuePlan != null
              ? build(valuePlan, new Object[valuePlan.fields.length], depth + 1)
              : zeroScalar(valueField);
    }
    map.put(key == null ? "" : key.toString(), value);
  }

  private JsonNode readMessage(MessagePlan plan, CodedInputStream in, int depth)
      throws IOException {
    int length = in.readRawVarint32();
    int old = in.pushLimit(length);
    Object[] values = read(plan, in, depth);
    in.popLimit(old);
    return build(plan, values, depth);
  }

  private static Object readScalar(FieldDescriptor fd, CodedInputStream in) throws IOException {
    return switch (fd.getType()) {
      case DOUBLE -> in.readDouble();
      case FLOAT -> in.readFloat();
      case INT64 -> in.readInt64();
      case SINT64 -> in.readSInt64();
      case SFIXED64 -> in.readSFixed64();
      case UINT64 -> unsigned(in.readUInt64());
      case FIXED64 -> unsigned(in.readFixed64());
      case INT32 -> in.readInt32();
      case SINT32 -> in.readSInt32();
      case SFIXED32 -> in.readSFixed32();
      case UINT32 -> Integer.toUnsignedLong(in.readUInt32());
      case FIXED32 -> Integer.toUnsignedLong(in.readFixed32());
      case BOOL -> in.readBool();
      case STRING -> in.readString();
      case BYTES -> in.readBytes();
      case ENUM -> {
        int n = in.readEnum();
        var v = fd.getEnumType().findValueByNumber(n);
        yield v == null ? Integer.valueOf(n) : v.getName();
      }
      case MESSAGE, GROUP -> throw new IllegalStateException("not a scalar: " + fd.getFullName());
    };
  }

  private static Object unsigned(long v) {
    return v >= 0 ? Long.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
  }

  private JsonNode build(MessagePlan plan, Object[] values, int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed(plan, "messages nested too deeply", null);
    }
    return switch (plan.special) {
      case NONE -> buildObject(plan, values, depth);
      case TIME -> time(plan, values, false);
      case MICRO_TIME -> time(plan, values, true);
      case DURATION -> {
        Object nanos = value(plan, values, 1);
        yield NODES.textNode(GoDuration.format(nanos == null ? 0 : ((Number) nanos).longValue()));
      }
      case INT_OR_STRING -> intOrString(plan, values);
      case QUANTITY -> {
        Object s = value(plan, values, 1);
        if (s == null) {
          yield NODES.textNode("0");
        }
        if (!Quantities.isValid((String) s)) {
          throw malformed(plan, "invalid quantity \"" + s + "\"", null);
        }
        yield NODES.textNode((String) s);
      }
      case RAW_JSON -> rawJson(plan, (ByteString) value(plan, values, 1));
      case ITEMS -> {
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) values[0];
        yield items == null ? NODES.arrayNode() : array(items, plan.fields[0].field());
      }
    };
  }

  private ObjectNode buildObject(MessagePlan plan, Object[] values, int depth) {
    ObjectNode out = NODES.objectNode();
    for (FieldPlan f : plan.fields) {
      Flag flag = f.flag();
      if (flag == Flag.HIDDEN) {
        continue;
      }
      Object v = values[f.index()];
      String name = f.jsonName();
      boolean nullWhenUnset = flag == Flag.VALUE || flag == Flag.POINTER_NULL;
      switch (f.kind()) {
        case LIST -> {
          if (v != null) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) v;
            out.set(name, array(list, f.field()));
          } else if (nullWhenUnset) {
            out.putNull(name);
          }
        }
        case MAP -> {
          if (v != null) {
            @SuppressWarnings("unchecked")
            Map<String, JsonNode> map = (Map<String, JsonNode>) v;
            ObjectNode o = out.putObject(name);
            map.forEach(o::set);
          } else if (nullWhenUnset) {
            out.putNull(name);
          }
        }
        case SCALAR -> {
          if (v != null) {
            if (flag != Flag.VALUE_OMITEMPTY || !isZero(v)) {
              out.set(name, scalarNode(v, f.field()));
            }
          } else if (flag == Flag.VALUE) {
            out.set(name, zeroScalar(f.field()));
          } else if (flag == Flag.POINTER_NULL) {
            out.putNull(name);
          }
        }
        case MESSAGE -> buildMessageField(out, f, (JsonNode) v, depth);
      }
    }
    return out;
  }

  private void buildMessageField(ObjectNode out, FieldPlan f, JsonNode node, int depth) {
    MessagePlan child = plans.of(f.field().getMessageType());
    Flag flag = f.flag();
    if (child.special == Special.ITEMS) {
      // A named Go slice: omitempty and nil behave as for a plain slice.
      if (node != null) {
        if (!(flag == Flag.VALUE_OMITEMPTY && node.isEmpty())) {
          out.set(f.jsonName(), node);
        }
      } else if (flag == Flag.VALUE || flag == Flag.POINTER_NULL) {
        out.putNull(f.jsonName());
      }
      return;
    }
    if (node == null) {
      if (f.isValue()) {
        // Go renders the zero struct of an unset value field (omitempty never drops a struct).
        node = build(child, new Object[child.fields.length], depth + 1);
      } else if (flag == Flag.POINTER_NULL) {
        node = NullNode.getInstance();
      } else {
        return;
      }
    }
    if (flag == Flag.INLINE) {
      if (node instanceof ObjectNode o) {
        out.setAll(o);
      }
    } else {
      out.set(f.jsonName(), node);
    }
  }

  private ArrayNode array(List<Object> list, FieldDescriptor fd) {
    ArrayNode a = NODES.arrayNode(list.size());
    for (Object e : list) {
      a.add(e instanceof JsonNode n ? n : scalarNode(e, fd));
    }
    return a;
  }

  private static Object value(MessagePlan plan, Object[] values, int number) {
    FieldPlan f = plan.byNumber(number);
    return f == null ? null : values[f.index()];
  }

  private JsonNode time(MessagePlan plan, Object[] values, boolean micro) {
    Object seconds = value(plan, values, 1);
    Object nanos = value(plan, values, 2);
    if (seconds == null && nanos == null) {
      return NullNode.getInstance(); // Go writes the zero time as an empty message.
    }
    long s = seconds == null ? 0 : ((Number) seconds).longValue();
    if (!micro) {
      // metav1.Time keeps whole seconds only.
      return s == KubeTimes.GO_ZERO_SECONDS
          ? NullNode.getInstance()
          : NODES.textNode(KubeTimes.formatSeconds(s));
    }
    long n = nanos == null ? 0 : ((Number) nanos).longValue();
    Instant t = Instant.ofEpochSecond(s, n - n % 1000);
    return KubeTimes.isGoZero(t)
        ? NullNode.getInstance()
        : NODES.textNode(KubeTimes.formatMicros(t));
  }

  private JsonNode intOrString(MessagePlan plan, Object[] values) {
    Object type = value(plan, values, 1);
    long t = type == null ? 0 : ((Number) type).longValue();
    if (t == 0) {
      Object i = value(plan, values, 2);
      return NODES.numberNode(i == null ? 0 : ((Number) i).intValue());
    }
    if (t == 1) {
      Object s = value(plan, values, 3);
      return NODES.textNode(s == null ? "" : (String) s);
    }
    throw malformed(plan, "impossible IntOrString.Type " + t, null);
  }

  private JsonNode rawJson(MessagePlan plan, ByteString raw) {
    if (raw == null || raw.isEmpty()) {
      return NullNode.getInstance();
    }
    byte[] bytes = raw.toByteArray();
    if (Envelope.hasMagic(bytes)) {
      return envelopes.apply(bytes);
    }
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw malformed(plan, "raw bytes are not JSON: " + e.getMessage(), e);
    }
  }

  static boolean isZero(Object v) {
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof ByteString b) {
      return b.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() == 0;
    }
    return false;
  }

  private static JsonNode scalarNode(Object v, FieldDescriptor fd) {
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Long l) {
      // Jackson reads numbers that fit an int as IntNode: match it so trees compare equal.
      return l == (int) (long) l ? NODES.numberNode((int) (long) l) : NODES.numberNode(l);
    }
    if (v instanceof BigInteger b) {
      return NODES.numberNode(b);
    }
    if (v instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (v instanceof Float f) {
      return NODES.numberNode((double) f);
    }
    if (v instanceof ByteString b) {
      return NODES.textNode(Base64.getEncoder().encodeToString(b.toByteArray()));
    }
    throw new IllegalStateException("unexpected " + v.getClass() + " for " + fd.getFullName());
  }

  /** Go's zero value of a value field without omitempty; a nil {@code []byte} is null. */
  private static JsonNode zeroScalar(FieldDescriptor fd) {
    return switch (fd.getJavaType()) {
      case STRING -> NODES.textNode("");
      case BOOLEAN -> NODES.booleanNode(false);
      case INT, LONG -> NODES.numberNode(0);
      case FLOAT, DOUBLE -> NODES.numberNode(0.0);
      case BYTE_STRING, MESSAGE -> NullNode.getInstance();
      case ENUM -> NODES.textNode(fd.getEnumType().getValues().get(0).getName());
    };
  }

  private static void expect(FieldDescriptor fd, int actual, int expected) {
    if (actual != expected) {
      throw new ProtobufException(
          Reason.MALFORMED,
          "malformed protobuf: field "
              + fd.getFullName()
              + " has wire type "
              + actual
              + ", expected "
              + expected);
    }
  }

  private static ProtobufException malformed(MessagePlan plan, String why, Throwable cause) {
    return new ProtobufException(
        Reason.MALFORMED, "malformed protobuf in " + plan.descriptor.getName() + ": " + why, cause);
  }
}

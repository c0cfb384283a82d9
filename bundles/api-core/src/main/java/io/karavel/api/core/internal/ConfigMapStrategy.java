package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** ConfigMaps: key syntax, data and binaryData disjoint, at most 1 MiB, {@code immutable}. */
final class ConfigMapStrategy implements ResourceStrategy {

  /** Upstream's {@code MaxSecretSize}, shared by config maps and secrets. */
  static final int MAX_SIZE = 1024 * 1024;

  static final String IMMUTABLE_SET = "field is immutable when `immutable` is set";

  @Override
  public List<FieldError> validate(ObjectNode cm) {
    List<FieldError> out = new ArrayList<>();
    long total = 0;
    JsonNode binary = cm.path("binaryData");
    JsonNode data = cm.path("data");
    for (Map.Entry<String, JsonNode> e : Nodes.entries(cm, "data")) {
      String p = key("data", e.getKey());
      keyErrors(e.getKey(), p, out);
      if (binary.has(e.getKey())) {
        out.add(FieldError.invalid(p, e.getKey(), "duplicate of key present in binaryData"));
      }
      total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, JsonNode> e : Nodes.entries(cm, "binaryData")) {
      String p = key("binaryData", e.getKey());
      keyErrors(e.getKey(), p, out);
      if (data.has(e.getKey())) {
        out.add(FieldError.invalid(p, e.getKey(), "duplicate of key present in data"));
      }
      total += decodedLength(e.getValue(), p, out);
    }
    if (total > MAX_SIZE) {
      out.add(FieldError.tooLong("", MAX_SIZE));
    }
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode cm, ObjectNode old) {
    return immutableContent(cm, old, List.of("data", "binaryData"));
  }

  static void keyErrors(String k, String path, List<FieldError> out) {
    for (String m : Validation.configMapKey(k)) {
      out.add(FieldError.invalid(path, k, m));
    }
  }

  /**
   * The size of a base64 value in bytes. Upstream rejects bad base64 while decoding the body (400);
   * here it is a field error on the key.
   */
  static long decodedLength(JsonNode value, String path, List<FieldError> out) {
    if (value.isNull()) {
      return 0;
    }
    try {
      return Base64.getDecoder().decode(value.asText()).length;
    } catch (IllegalArgumentException e) {
      out.add(Validation.invalidRaw(path, "\"<secret contents redacted>\"", "illegal base64 data"));
      return 0;
    }
  }

  /** Once {@code immutable: true} is stored, neither it nor the listed fields may change. */
  static List<FieldError> immutableContent(ObjectNode o, ObjectNode old, List<String> fields) {
    List<FieldError> out = new ArrayList<>();
    if (!Nodes.isTrue(old, "immutable")) {
      return out;
    }
    if (!Nodes.isTrue(o, "immutable")) {
      out.add(FieldError.forbidden("immutable", IMMUTABLE_SET));
    }
    for (String f : fields) {
      if (!Nodes.same(o.get(f), old.get(f))) {
        out.add(FieldError.forbidden(f, IMMUTABLE_SET));
      }
    }
    return out;
  }
}

package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/** The plain Jackson mappers the commands use: API objects stay generic JSON trees here. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  static final YAMLMapper YAML = new YAMLMapper();

  private Json() {}

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("the server sent malformed JSON", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** {@code node.metadata.name}, or "" when absent. */
  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText("");
  }

  /** {@code node.metadata.namespace}, or "" when absent. */
  static String namespace(JsonNode object) {
    return object.path("metadata").path("namespace").asText("");
  }
}

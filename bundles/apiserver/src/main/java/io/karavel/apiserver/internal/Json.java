package io.karavel.apiserver.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * The API server's shared JSON and YAML mappers, with the input limits that keep hostile bodies
 * (deep nesting, YAML alias bombs) cheap to reject.
 */
public final class Json {
  private Json() {}

  /** Deepest nesting accepted in a request body. */
  public static final int MAX_NESTING_DEPTH = 200;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(8 * 1024 * 1024)
          .maxNumberLength(1000)
          .build();

  public static final ObjectMapper MAPPER = newJsonMapper();

  private static final ObjectMapper YAML = newYamlMapper();

  private static ObjectMapper newJsonMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
    return mapper;
  }

  /** Writes YAML responses; YAML request bodies are read by {@link YamlTrees}, with its limits. */
  private static ObjectMapper newYamlMapper() {
    return new YAMLMapper(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
  }

  /**
   * Parses a JSON object.
   *
   * @throws ApiException 400 if the bytes are not a JSON object
   */
  public static ObjectNode parseObject(byte[] bytes) {
    return asObject(parse(MAPPER, bytes));
  }

  /** Parses a YAML object, its aliases expanded within limits ({@link YamlTrees}). */
  public static ObjectNode parseYamlObject(byte[] bytes) {
    return asObject(YamlTrees.parse(bytes, MAX_NESTING_DEPTH));
  }

  public static JsonNode parse(ObjectMapper mapper, byte[] bytes) {
    try {
      JsonNode n = mapper.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("error decoding request body: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      throw ApiException.badRequest("error decoding request body: " + e.getMessage());
    }
  }

  private static ObjectNode asObject(JsonNode n) {
    if (!(n instanceof ObjectNode o)) {
      throw ApiException.badRequest("the request body must be an object, got " + n.getNodeType());
    }
    return o;
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] yamlBytes(JsonNode node) {
    try {
      return YAML.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a stored value (trusted bytes, already validated on write). */
  public static ObjectNode readStored(byte[] bytes) {
    try {
      return (ObjectNode) MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw ApiException.internal("stored object is corrupt: " + e.getMessage());
    }
  }
}

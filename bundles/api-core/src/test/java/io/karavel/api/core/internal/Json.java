package io.karavel.api.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test helper: JSON written with single quotes for readability. */
final class Json {
  private Json() {}

  static ObjectNode parse(String singleQuoted) {
    try {
      return (ObjectNode) Nodes.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }
}

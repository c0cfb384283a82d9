package io.karavel.api.extra.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;

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

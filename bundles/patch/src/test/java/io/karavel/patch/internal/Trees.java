package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test helper: JSON text to trees, with single quotes allowed for readability. */
final class Trees {

  private Trees() {}

  static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"'));
  }

  static ObjectNode obj(String text) {
    return (ObjectNode) json(text);
  }
}

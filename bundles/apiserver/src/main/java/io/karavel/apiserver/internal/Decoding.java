package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Request bodies to JSON trees (JSON, YAML or Kubernetes protobuf, by Content-Type), and field
 * validation ({@code ?fieldValidation=Strict|Warn|Ignore}) against the kind's schema.
 */
final class Decoding {

  /** Finds fields a kind's schema does not declare, as upstream-style paths. */
  interface FieldChecker {
    List<String> unknownFields(ObjectNode object, Class<?> modelClass);

    List<String> duplicateFields(byte[] json);

    /** Values of the wrong JSON type, in upstream's decode-error words. */
    List<String> typeErrors(ObjectNode object, Class<?> modelClass);
  }

  private final Supplier<Function<byte[], ObjectNode>> protobuf;
  private final FieldChecker fields;

  Decoding(Supplier<Function<byte[], ObjectNode>> protobuf, FieldChecker fields) {
    this.protobuf = protobuf;
    this.fields = fields;
  }

  ObjectNode decode(String contentType, byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    String type = MediaTypes.baseType(contentType);
    switch (type) {
      case "", MediaTypes.JSON, "*/*", "text/plain" -> {
        return Json.parseObject(body);
      }
      case MediaTypes.YAML, "application/x-yaml", "text/yaml" -> {
        return Json.parseYamlObject(body);
      }
      case MediaTypes.PROTOBUF -> {
        Function<byte[], ObjectNode> decoder = protobuf.get();
        if (decoder == null) {
          throw ApiException.unsupportedMediaType(contentType);
        }
        return decoder.apply(body);
      }
      default -> throw ApiException.unsupportedMediaType(contentType);
    }
  }

  /** The {@code fieldValidation} directive: Strict, Warn (the default) or Ignore. */
  static String directive(Exchange ex) {
    String v = ex.param("fieldValidation", "Warn");
    return switch (v) {
      case "Strict", "Warn", "Ignore" -> v;
      default ->
          throw ApiException.badRequest(
              "fieldValidation parameter unsupported: "
                  + v
                  + ", must be one of Ignore, Warn or Strict");
    };
  }

  /** Checks a decoded create/update body; {@code raw} is its bytes (for duplicate fields). */
  void checkFields(Exchange ex, ObjectNode object, ResourceDefinition def, byte[] raw) {
    checkTypes(object, def);
    String directive = directive(ex);
    if (directive.equals("Ignore")) {
      return;
    }
    List<String> problems = new java.util.ArrayList<>();
    String type = MediaTypes.baseType(ex.header("Content-Type"));
    if (type.isEmpty() || type.equals(MediaTypes.JSON)) {
      for (String f : fields.duplicateFields(raw)) {
        problems.add("duplicate field \"" + f + "\"");
      }
    }
    for (String f : fields.unknownFields(object, def.modelClass())) {
      problems.add("unknown field \"" + f + "\"");
    }
    report(ex, def, directive, problems);
  }

  /** Checks the result of a patch (unknown fields only). */
  void checkPatchedFields(Exchange ex, ObjectNode object, ResourceDefinition def) {
    checkTypes(object, def);
    String directive = directive(ex);
    if (directive.equals("Ignore")) {
      return;
    }
    List<String> problems = new java.util.ArrayList<>();
    for (String f : fields.unknownFields(object, def.modelClass())) {
      problems.add("unknown field \"" + f + "\"");
    }
    report(ex, def, directive, problems);
  }

  /**
   * A value of the wrong type is a decode error whatever {@code fieldValidation} says: 400, with
   * the first error, as upstream.
   */
  private void checkTypes(ObjectNode object, ResourceDefinition def) {
    List<String> errors = fields.typeErrors(object, def.modelClass());
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(cannotHandle(def) + errors.get(0));
    }
  }

  private static String cannotHandle(ResourceDefinition def) {
    return def.kind()
        + " in version \""
        + def.version()
        + "\" cannot be handled as a "
        + def.kind()
        + ": ";
  }

  private static void report(
      Exchange ex, ResourceDefinition def, String directive, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    if (directive.equals("Strict")) {
      String joined = problems.size() == 1 ? problems.get(0) : String.join(", ", problems);
      throw ApiException.badRequest(cannotHandle(def) + "strict decoding error: " + joined);
    }
    problems.forEach(ex::warn);
  }
}

package io.karavel.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import java.util.Map;

/**
 * Schemas of the served kinds, derived from their Jackson-annotated model classes. Results are
 * cached per class; every method is thread-safe.
 */
public interface SchemaService {

  /** The schema of a model class, e.g. {@code io.fabric8.kubernetes.api.model.Pod}. */
  KindSchema schemaOf(Class<?> modelClass);

  /**
   * Paths of the fields of {@code object} that {@code modelClass} does not declare, in document
   * order, e.g. {@code spec.template.spec.containers[0].foo}. Fields under free-form nodes ({@link
   * SchemaType#ANY}) are never unknown.
   */
  List<String> unknownFields(JsonNode object, Class<?> modelClass);

  /**
   * Values of {@code object} whose JSON type the schema of {@code modelClass} does not allow, as
   * upstream's decoder reports them whatever the field validation, e.g. {@code json: cannot
   * unmarshal array into Go struct field ConfigMap.data of type string}. {@code null} is allowed
   * everywhere; integers and strings are both allowed where the schema says int-or-string.
   *
   * @since 1.1
   */
  List<String> typeErrors(JsonNode object, Class<?> modelClass);

  /**
   * Paths of the keys that appear more than once in one JSON object of {@code json}, e.g. {@code
   * spec.paused}, in document order. Returns an empty list for a body that is not valid JSON (the
   * caller's parser reports that).
   */
  List<String> duplicateFields(byte[] json);

  /**
   * Unknown and duplicate fields of a JSON body in document order, as upstream's strict decoder
   * reports them: a field both unknown and repeated is reported once, as unknown. Returns an empty
   * list for a body that is not valid JSON.
   */
  List<FieldViolation> strictFieldViolations(byte[] json, Class<?> modelClass);

  /**
   * The OpenAPI v3 document of one group version ({@code group} is {@code ""} for the core group),
   * describing the paths of {@code defs} and the schemas they reach, as served at {@code
   * /openapi/v3/api/v1} or {@code /openapi/v3/apis/GROUP/VERSION}.
   */
  ObjectNode groupVersionDocument(String group, String version, List<ResourceDefinition> defs);

  /**
   * The {@code /openapi/v3} root: {@code {"paths":{"api/v1":{"serverRelativeURL":
   * "/openapi/v3/api/v1?hash=H"}}}} from a map of path ({@code api/v1}, {@code apis/apps/v1}) to
   * hash.
   */
  ObjectNode rootDocument(Map<String, String> pathToHash);

  /**
   * The stable hash of a document, as upstream computes it: SHA-512 of its serialized JSON, in
   * upper-case hex. Equal documents give equal hashes.
   */
  String hash(ObjectNode document);
}

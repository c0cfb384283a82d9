package io.karavel.schema.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.schema.FieldViolation;
import io.karavel.schema.KindSchema;
import io.karavel.schema.SchemaService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/** {@link SchemaService} over Jackson's introspection of the model classes. */
@Component(service = SchemaService.class)
public final class JacksonSchemaService implements SchemaService {

  private final ObjectMapper mapper = new ObjectMapper();
  private final SchemaBuilder builder = new SchemaBuilder();
  private final StrictFieldScanner scanner = new StrictFieldScanner(new JsonFactory());
  private final OpenApiWriter openApi = new OpenApiWriter(builder::classNode);

  @Override
  public KindSchema schemaOf(Class<?> modelClass) {
    return new KindSchema(modelClass, builder.classNode(modelClass));
  }

  @Override
  public List<String> unknownFields(JsonNode object, Class<?> modelClass) {
    return StrictFieldScanner.unknownFields(object, builder.classNode(modelClass));
  }

  @Override
  public List<String> typeErrors(JsonNode object, Class<?> modelClass) {
    return TypeChecker.typeErrors(
        object, builder.classNode(modelClass), modelClass.getSimpleName());
  }

  @Override
  public List<String> duplicateFields(byte[] json) {
    return scanner.scan(json, null).stream().map(FieldViolation::path).toList();
  }

  @Override
  public List<FieldViolation> strictFieldViolations(byte[] json, Class<?> modelClass) {
    return scanner.scan(json, builder.classNode(modelClass));
  }

  @Override
  public ObjectNode groupVersionDocument(
      String group, String version, List<ResourceDefinition> defs) {
    return openApi.document(group, version, defs);
  }

  @Override
  public ObjectNode rootDocument(Map<String, String> pathToHash) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    new TreeMap<>(pathToHash)
        .forEach(
            (path, hash) ->
                paths
                    .putObject(path)
                    .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash));
    return root;
  }

  @Override
  public String hash(ObjectNode document) {
    try {
      byte[] bytes = mapper.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash an OpenAPI document", e);
    }
  }
}

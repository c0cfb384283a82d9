package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.patch.ApplyResult;
import io.karavel.patch.PatchService;
import io.karavel.schema.KindSchema;
import java.time.Instant;
import org.osgi.service.component.annotations.Component;

/** {@link PatchService} on Jackson trees. */
@Component(service = PatchService.class)
public final class JacksonPatchService implements PatchService {

  @Override
  public JsonNode mergePatch(JsonNode target, JsonNode patch) {
    return MergePatcher.apply(target, patch);
  }

  @Override
  public JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    return JsonPatcher.apply(target, patch);
  }

  @Override
  public ObjectNode strategicMergePatch(ObjectNode original, ObjectNode patch, KindSchema schema) {
    return StrategicMergePatcher.apply(original, patch, schema.root());
  }

  @Override
  public ApplyResult apply(
      ObjectNode live,
      ObjectNode applied,
      String manager,
      boolean force,
      KindSchema schema,
      Instant now) {
    return ServerSideApplier.apply(live, applied, manager, force, schema.root(), now);
  }

  @Override
  public ObjectNode recordUpdate(
      ObjectNode old,
      ObjectNode updated,
      String manager,
      String operation,
      String apiVersion,
      KindSchema schema,
      Instant now) {
    return ServerSideApplier.recordUpdate(
        old, updated, manager, operation, apiVersion, schema.root(), now);
  }
}

package io.karavel.apiserver.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Per-resource behaviour on writes, shaped like upstream's {@code rest.RESTCreateStrategy} and
 * {@code RESTUpdateStrategy}. Objects are JSON trees with {@code apiVersion}, {@code kind} and
 * {@code metadata} already checked and filled in by the API server (name, namespace, uid,
 * creationTimestamp, resourceVersion, generation). Methods may mutate the tree they are given and
 * must be deterministic and side-effect free: they also run for {@code dryRun} requests.
 */
public interface ResourceStrategy {

  /**
   * Normalises a new object before defaulting: typically drops {@code status} for resources with a
   * status subresource.
   */
  default void prepareForCreate(ObjectNode object) {}

  /**
   * Normalises an update of the main resource: typically copies {@code status} from the old object
   * so that only the status subresource changes it.
   */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Normalises an update through the {@code status} subresource: keeps everything but status. */
  default void prepareForStatusUpdate(ObjectNode object, ObjectNode old) {
    object.set("spec", old.get("spec"));
    if (old.get("spec") == null) {
      object.remove("spec");
    }
  }

  /** Fills in defaulted fields (as upstream's {@code SetDefaults_*}). */
  default void applyDefaults(ObjectNode object) {}

  /** Validates a new object; an empty list means valid. */
  default List<FieldError> validate(ObjectNode object) {
    return List.of();
  }

  /** Validates an update (immutable fields and so on), after {@link #validate} has passed. */
  default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return List.of();
  }
}

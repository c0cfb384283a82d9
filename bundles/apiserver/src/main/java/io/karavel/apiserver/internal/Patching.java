package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;

/**
 * The patch types of PATCH requests and field-manager bookkeeping ({@code metadata.managedFields}),
 * delegating to the patch library.
 */
interface Patching {

  /**
   * The patched object, and the resourceVersion the patch itself asked for (a precondition), if
   * any.
   */
  record Result(ObjectNode object, String requestedResourceVersion) {}

  /**
   * Applies a patch of the given media type to {@code target} (a copy the implementation may
   * change).
   *
   * @throws ApiException 415 for an unknown patch type, 400/422 for a bad patch, 409 for apply
   *     conflicts
   */
  Result apply(
      Exchange ex, ResourceDefinition def, String contentType, ObjectNode target, byte[] patch);

  /** Server-side apply of an object that does not exist yet: the object to create. */
  ObjectNode applyToNew(Exchange ex, ResourceDefinition def, byte[] patch);

  /** Records the request's field manager in {@code metadata.managedFields} of a write. */
  void recordManager(Exchange ex, ResourceDefinition def, ObjectNode old, ObjectNode updated);
}

package io.karavel.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.schema.KindSchema;
import java.time.Instant;

/**
 * Patch and server-side apply on JSON trees. Every method is a pure function: it never changes its
 * arguments and returns new trees.
 */
public interface PatchService {

  /** {@code Operation} of a managed fields entry written by apply. */
  String APPLY = "Apply";

  /** {@code Operation} of a managed fields entry written by create, update and patch. */
  String UPDATE = "Update";

  /** {@code application/merge-patch+json} (RFC 7386). */
  JsonNode mergePatch(JsonNode target, JsonNode patch);

  /**
   * {@code application/json-patch+json} (RFC 6902: add, remove, replace, move, copy, test).
   *
   * @throws PatchException 400 if the patch is not a well-formed operation list, 422 if an
   *     operation fails on {@code target}, 413 past 10,000 operations
   */
  JsonNode jsonPatch(JsonNode target, JsonNode patch);

  /**
   * {@code application/strategic-merge-patch+json}, lists merged by the merge keys and strategies
   * of {@code schema}, with the {@code $patch}, {@code $retainKeys}, {@code
   * $deleteFromPrimitiveList/} and {@code $setElementOrder/} directives. No directive remains in
   * the result.
   *
   * @throws PatchException as described on {@link PatchException}
   */
  ObjectNode strategicMergePatch(ObjectNode original, ObjectNode patch, KindSchema schema);

  /**
   * Server-side apply ({@code application/apply-patch+yaml}) of {@code applied} by {@code manager}
   * onto {@code live} (null when the object does not exist yet). On success the result carries
   * {@code metadata.managedFields} with an {@code Apply} entry for {@code manager} owning exactly
   * the fields of {@code applied}; fields this manager applied before, no longer applies and nobody
   * else owns are removed. Without {@code force}, changing a field another manager owns is a
   * conflict; with it, the field changes hands. {@code apiVersion}, {@code kind}, the server-set
   * metadata and {@code status} are not tracked.
   */
  ApplyResult apply(
      ObjectNode live,
      ObjectNode applied,
      String manager,
      boolean force,
      KindSchema schema,
      Instant now);

  /**
   * Records a create ({@code old} null), update or non-apply patch in {@code
   * metadata.managedFields}: {@code manager} (with {@code operation}, normally {@link #UPDATE}, and
   * {@code apiVersion}) takes ownership of the fields it added or changed, other managers lose
   * them, and removed fields are owned by nobody. Returns a copy of {@code updated} with the new
   * entries. As upstream, managed fields sent in {@code updated} replace the stored ones (kubectl
   * rewrites them when it moves from client-side to server-side apply); when it sends none, those
   * of {@code old} are kept.
   */
  ObjectNode recordUpdate(
      ObjectNode old,
      ObjectNode updated,
      String manager,
      String operation,
      String apiVersion,
      KindSchema schema,
      Instant now);

  /**
   * The manager name of a non-apply request, as upstream picks it: the {@code fieldManager} query
   * parameter if given, otherwise the program name at the start of the {@code User-Agent} (the text
   * before the first {@code /}), e.g. {@code kubectl} for {@code kubectl/v1.32.0 (linux/amd64)}.
   */
  static String managerName(String fieldManager, String userAgent) {
    if (fieldManager != null && !fieldManager.isEmpty()) {
      return fieldManager;
    }
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    return slash < 0 ? userAgent : userAgent.substring(0, slash);
  }
}

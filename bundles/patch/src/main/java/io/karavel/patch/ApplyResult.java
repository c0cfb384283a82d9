package io.karavel.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a server-side apply: the merged object with its new {@code
 * metadata.managedFields}, or the conflicts that stopped it.
 *
 * <p>Upstream answers conflicts with 409 {@code Conflict} ({@code
 * apimachinery/pkg/util/managedfields/internal/conflict.go}): {@link #conflictMessage()} as the
 * message and one {@code details.causes} entry per conflict, {@code {"reason":
 * "FieldManagerConflict", "message": ApplyConflict#causeMessage, "field": ApplyConflict#field}}.
 *
 * @param object the merged object, or null when there are conflicts
 * @param conflicts the conflicts, empty on success
 */
public record ApplyResult(ObjectNode object, List<ApplyConflict> conflicts) {

  /** The reason of every conflict cause in the 409 Status. */
  public static final String CAUSE_REASON = "FieldManagerConflict";

  public ApplyResult {
    conflicts = List.copyOf(conflicts);
  }

  public static ApplyResult applied(ObjectNode object) {
    return new ApplyResult(object, List.of());
  }

  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }

  /**
   * Upstream's message: {@code Apply failed with 1 conflict: conflict with "m" using apps/v1:
   * .spec.replicas}, or for several {@code Apply failed with 2 conflicts: conflicts with "m" using
   * apps/v1:} then one {@code - .path} line per field, managers in name order.
   */
  public String conflictMessage() {
    if (conflicts.size() == 1) {
      ApplyConflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: " + c.causeMessage() + ": " + c.field();
    }
    Map<String, List<String>> byManager = new TreeMap<>();
    for (ApplyConflict c : conflicts) {
      byManager.computeIfAbsent(c.managerDescription(), m -> new ArrayList<>()).add(c.field());
    }
    List<String> lines = new ArrayList<>();
    byManager.forEach(
        (manager, fields) -> {
          lines.add("conflicts with " + manager + ":");
          fields.forEach(f -> lines.add("- " + f));
        });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}

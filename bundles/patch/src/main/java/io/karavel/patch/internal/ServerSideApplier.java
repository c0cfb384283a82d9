package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.patch.ApplyConflict;
import io.karavel.patch.ApplyResult;
import io.karavel.schema.FieldMeta;
import io.karavel.schema.SchemaNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side apply and update bookkeeping after structured-merge-diff's {@code Updater}: apply
 * merges the configuration into the live object, prunes what the applier dropped and nobody else
 * owns, and fails on changes to fields other managers own unless forced; updates move ownership of
 * the changed fields to the updater.
 */
final class ServerSideApplier {

  private static final String APPLY = "Apply";

  private ServerSideApplier() {}

  static ApplyResult apply(
      ObjectNode live,
      ObjectNode applied,
      String manager,
      boolean force,
      SchemaNode schema,
      Instant now) {
    ObjectNode config = applied.deepCopy();
    JsonNode configMeta = config.get("metadata");
    if (configMeta instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    // status belongs to the status subresource: an apply to the object leaves it alone
    config.remove("status");
    List<ManagedFieldsEntry> managers = ManagedFieldsEntry.read(live);
    ObjectNode before =
        live == null ? JsonNodeFactory.instance.objectNode() : withoutManagedFields(live);
    ObjectNode merged = (ObjectNode) FieldPaths.merge(before, config, schema, FieldMeta.DEFAULT);

    FieldSet applying = FieldPaths.fieldsOf(config, schema);
    ManagedFieldsEntry mine = null;
    List<ManagedFieldsEntry> others = new ArrayList<>();
    for (ManagedFieldsEntry e : managers) {
      if (mine == null && e.sameManager(manager, APPLY, null, "")) {
        mine = e;
      } else {
        others.add(e);
      }
    }
    if (mine != null) {
      FieldSet dropped = mine.fields.copy();
      dropped.removeAll(applying);
      for (ManagedFieldsEntry other : others) {
        dropped.removeAll(other.fields);
      }
      FieldPaths.remove(merged, dropped, schema);
    }

    FieldPaths.Comparison comparison = FieldPaths.compare(before, merged, schema);
    FieldSet changed = comparison.changed();
    List<ApplyConflict> conflicts = new ArrayList<>();
    List<FieldSet> conflictSets = new ArrayList<>();
    for (ManagedFieldsEntry other : others) {
      FieldSet overlap = other.fields.intersection(changed);
      conflictSets.add(overlap);
      for (List<String> path : overlap.members()) {
        conflicts.add(
            new ApplyConflict(
                other.manager,
                other.operation,
                other.apiVersion == null ? "" : other.apiVersion,
                other.subresource,
                FieldSet.render(path)));
      }
    }
    if (!conflicts.isEmpty() && !force) {
      return new ApplyResult(null, conflicts);
    }
    for (int i = 0; i < others.size(); i++) {
      others.get(i).fields.removeAll(conflictSets.get(i));
      others.get(i).fields.removeAll(comparison.removed());
    }
    String apiVersion = config.path("apiVersion").asText(null);
    List<ManagedFieldsEntry> entries = new ArrayList<>(others);
    entries.add(new ManagedFieldsEntry(manager, APPLY, apiVersion, timestamp(now), "", applying));
    ManagedFieldsEntry.write(merged, entries);
    return ApplyResult.applied(merged);
  }

  static ObjectNode recordUpdate(
      ObjectNode old,
      ObjectNode updated,
      String manager,
      String operation,
      String apiVersion,
      SchemaNode schema,
      Instant now) {
    // a request that sets managed fields replaces them (kubectl does, to move client-side apply
    // ownership to its server-side applier); one that sends none keeps the stored ones
    List<ManagedFieldsEntry> managers = ManagedFieldsEntry.read(updated);
    if (managers.isEmpty()) {
      managers = ManagedFieldsEntry.read(old);
    }
    ObjectNode before =
        old == null ? JsonNodeFactory.instance.objectNode() : withoutManagedFields(old);
    ObjectNode after = withoutManagedFields(updated);
    FieldPaths.Comparison comparison = FieldPaths.compare(before, after, schema);
    FieldSet changed = comparison.changed();
    ManagedFieldsEntry mine = null;
    for (ManagedFieldsEntry e : managers) {
      if (e.sameManager(manager, operation, apiVersion, "")) {
        mine = e;
        continue;
      }
      e.fields.removeAll(changed);
      e.fields.removeAll(comparison.removed());
    }
    if (!changed.isEmpty() || !comparison.removed().isEmpty()) {
      if (mine == null) {
        mine = new ManagedFieldsEntry(manager, operation, apiVersion, null, "", new FieldSet());
        managers.add(mine);
      }
      mine.fields.addAll(changed);
      mine.fields.removeAll(comparison.removed());
      mine.time = timestamp(now);
    }
    ManagedFieldsEntry.write(after, managers);
    return after;
  }

  private static ObjectNode withoutManagedFields(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("managedFields");
    }
    return copy;
  }

  static String timestamp(Instant now) {
    return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }
}

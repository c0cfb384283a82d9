package io.karavel.patch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One {@code metadata.managedFields} entry. Appliers are identified by manager name alone, updaters
 * by manager name and API version (as upstream's manager identifiers are), both with subresource.
 */
final class ManagedFieldsEntry {

  final String manager;
  final String operation;
  String apiVersion;
  String time;
  final String subresource;
  FieldSet fields;

  ManagedFieldsEntry(
      String manager,
      String operation,
      String apiVersion,
      String time,
      String subresource,
      FieldSet fields) {
    this.manager = manager;
    this.operation = operation;
    this.apiVersion = apiVersion;
    this.time = time;
    this.subresource = subresource == null ? "" : subresource;
    this.fields = fields;
  }

  boolean sameManager(String manager, String operation, String apiVersion, String subresource) {
    return this.manager.equals(manager)
        && this.operation.equals(operation)
        && this.subresource.equals(subresource == null ? "" : subresource)
        && ("Apply".equals(operation) || Objects.equals(this.apiVersion, apiVersion));
  }

  /** Upstream's order: appliers before updaters, then by time, manager, version, subresource. */
  static final Comparator<ManagedFieldsEntry> ORDER =
      Comparator.<ManagedFieldsEntry, String>comparing(e -> e.operation)
          .thenComparing(e -> e.time == null ? "" : e.time)
          .thenComparing(e -> e.manager)
          .thenComparing(e -> e.apiVersion == null ? "" : e.apiVersion)
          .thenComparing(e -> e.subresource);

  static List<ManagedFieldsEntry> read(JsonNode object) {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (object == null) {
      return entries;
    }
    JsonNode managed = object.path("metadata").path("managedFields");
    for (JsonNode e : managed) {
      if (!e.path("fieldsType").asText("FieldsV1").equals("FieldsV1")
          || !e.path("manager").isTextual()) {
        continue;
      }
      entries.add(
          new ManagedFieldsEntry(
              e.get("manager").asText(),
              e.path("operation").asText("Update"),
              e.path("apiVersion").isTextual() ? e.get("apiVersion").asText() : null,
              e.path("time").isTextual() ? e.get("time").asText() : null,
              e.path("subresource").asText(""),
              FieldSet.fromFieldsV1(e.get("fieldsV1"))));
    }
    return entries;
  }

  /** Writes the entries, sorted, into {@code object.metadata.managedFields} (none: removed). */
  static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    JsonNode metadataNode = object.get("metadata");
    ObjectNode metadata = metadataNode instanceof ObjectNode m ? m : object.putObject("metadata");
    List<ManagedFieldsEntry> sorted =
        entries.stream().filter(e -> !e.fields.isEmpty()).sorted(ORDER).toList();
    if (sorted.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    ArrayNode array = metadata.putArray("managedFields");
    for (ManagedFieldsEntry e : sorted) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("manager", e.manager);
      node.put("operation", e.operation);
      if (e.apiVersion != null) {
        node.put("apiVersion", e.apiVersion);
      }
      if (e.time != null) {
        node.put("time", e.time);
      }
      node.put("fieldsType", "FieldsV1");
      node.set("fieldsV1", e.fields.toFieldsV1());
      if (!e.subresource.isEmpty()) {
        node.put("subresource", e.subresource);
      }
      array.add(node);
    }
  }
}

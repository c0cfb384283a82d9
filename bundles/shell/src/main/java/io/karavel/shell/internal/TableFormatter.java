package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@code meta.k8s.io/v1} Table (or, from a server without Tables, a plain list) into the
 * header and rows kubectl prints: upper-case column names, priority 0 columns only unless wide,
 * NAMESPACE first with {@code -A}, label columns and LABELS last, cells cut at the first line break
 * with {@code ...}, absent cells empty.
 */
final class TableFormatter {
  private final TableOptions options;
  private final Clock clock;

  TableFormatter(TableOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** The header row; empty when headers are off. */
  List<String> header(JsonNode table) {
    if (options.noHeaders()) {
      return List.of();
    }
    List<String> header = new ArrayList<>();
    if (options.withNamespace()) {
      header.add("NAMESPACE");
    }
    for (JsonNode column : columns(table)) {
      if (shown(column)) {
        header.add(column.path("name").asText().toUpperCase(Locale.ROOT));
      }
    }
    for (String key : options.labelColumns()) {
      header.add(labelHeader(key));
    }
    if (options.showLabels()) {
      header.add("LABELS");
    }
    return header;
  }

  /** The rows of the table in server order. */
  List<List<String>> rows(JsonNode table) {
    List<List<String>> rows = new ArrayList<>();
    if (!"Table".equals(table.path("kind").asText())) {
      for (JsonNode item : table.path("items")) {
        String name = Json.name(item);
        if (options.kindPrefix() != null) {
          name = options.kindPrefix() + "/" + name;
        }
        rows.add(decorate(List.of(name, age(item)), item.path("metadata")));
      }
      return rows;
    }
    List<JsonNode> columns = columns(table);
    int nameColumn = -1;
    for (int i = 0; i < columns.size(); i++) {
      JsonNode column = columns.get(i);
      if ("name".equals(column.path("format").asText())
          && "string".equals(column.path("type").asText())) {
        nameColumn = i;
        break;
      }
    }
    for (JsonNode row : table.path("rows")) {
      List<String> cells = new ArrayList<>();
      JsonNode values = row.path("cells");
      int shownName = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (!shown(columns.get(i))) {
          continue;
        }
        if (i == nameColumn) {
          shownName = cells.size();
        }
        cells.add(i < values.size() ? cell(values.get(i)) : "");
      }
      if (shownName >= 0 && options.kindPrefix() != null) {
        cells.set(shownName, options.kindPrefix() + "/" + cells.get(shownName));
      }
      rows.add(decorate(cells, row.path("object").path("metadata")));
    }
    return rows;
  }

  private List<String> decorate(List<String> cells, JsonNode metadata) {
    List<String> out = new ArrayList<>(cells.size() + 2);
    if (options.withNamespace()) {
      out.add(metadata.path("namespace").asText(""));
    }
    out.addAll(cells);
    JsonNode labels = metadata.path("labels");
    for (String key : options.labelColumns()) {
      out.add(labels.path(key).asText(""));
    }
    if (options.showLabels()) {
      out.add(formatLabels(labels));
    }
    return out;
  }

  /** The columns of a Table, or NAME and AGE for a plain list. */
  private List<JsonNode> columns(JsonNode table) {
    List<JsonNode> columns = new ArrayList<>();
    if ("Table".equals(table.path("kind").asText())) {
      table.path("columnDefinitions").forEach(columns::add);
    } else {
      columns.add(Json.parse("{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\"}"));
      columns.add(Json.parse("{\"name\":\"Age\",\"type\":\"date\"}"));
    }
    return columns;
  }

  private boolean shown(JsonNode column) {
    return options.wide() || column.path("priority").asInt(0) == 0;
  }

  /** A cell as kubectl prints it: text up to the first line break, then "...". */
  static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    String text;
    if (value.isTextual()) {
      text = value.asText();
      int cut = indexOfBreak(text);
      if (cut >= 0) {
        return text.substring(0, cut) + "...";
      }
      return text;
    }
    if (value.isIntegralNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.isNumber()) {
      double d = value.asDouble();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : value.asText();
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(cell(v)));
      return "[" + String.join(" ", parts) + "]";
    }
    return Json.write(value);
  }

  private static int indexOfBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\f') {
        return i;
      }
    }
    return -1;
  }

  /** kubectl's label list: {@code k=v} sorted by key, comma separated; {@code <none>} if none. */
  static String formatLabels(JsonNode labels) {
    if (labels == null || !labels.isObject() || labels.isEmpty()) {
      return "<none>";
    }
    Map<String, String> sorted = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = labels.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      sorted.put(field.getKey(), field.getValue().asText());
    }
    StringBuilder out = new StringBuilder();
    sorted.forEach(
        (key, value) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(key).append('=').append(value);
        });
    return out.toString();
  }

  /** Header of a {@code -L} column: the key's last path segment, upper case. */
  static String labelHeader(String key) {
    return key.substring(key.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
  }

  private String age(JsonNode item) {
    String created = item.path("metadata").path("creationTimestamp").asText("");
    if (created.isEmpty()) {
      return "<unknown>";
    }
    try {
      return HumanDuration.since(Instant.parse(created), clock.instant());
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}

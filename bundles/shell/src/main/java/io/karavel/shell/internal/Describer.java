package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kubectl's generic describer, for objects of any type: name, namespace, labels and annotations,
 * then every other field (keys sorted, camelCase turned into words), then the object's events.
 */
final class Describer {
  private static final Set<String> SKIPPED =
      Set.of(
          ".metadata.name",
          ".metadata.namespace",
          ".metadata.labels",
          ".metadata.annotations",
          ".metadata.managedFields");
  private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final int MAX_ANNOTATION_LENGTH = 140;

  private final Instant now;

  Describer(Instant now) {
    this.now = now;
  }

  void describe(JsonNode object, List<JsonNode> events, PrintStream out) {
    TabWriter w = TabWriter.forDescribe(out);
    JsonNode metadata = object.path("metadata");
    w.row("Name:", metadata.path("name").asText(""));
    w.row("Namespace:", metadata.path("namespace").asText(""));
    labels(w, metadata.path("labels"));
    annotations(w, metadata.path("annotations"));
    content(w, 0, object, "");
    events(w, events);
    w.flush();
  }

  private static void labels(TabWriter w, JsonNode map) {
    Map<String, String> sorted = sorted(map);
    if (sorted.isEmpty()) {
      w.row("Labels:", "<none>");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      w.row(first ? "Labels:" : "", entry.getKey() + "=" + entry.getValue());
      first = false;
    }
  }

  /**
   * Annotations as {@code key: value}; long or multi-line values go on their own lines, each cut at
   * kubectl's limit. The last-applied-configuration annotation is left out, as kubectl does.
   */
  private static void annotations(TabWriter w, JsonNode map) {
    Map<String, String> sorted = sorted(map);
    sorted.remove(LAST_APPLIED);
    if (sorted.isEmpty()) {
      w.row("Annotations:", "<none>");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      String title = first ? "Annotations:" : "";
      first = false;
      String key = entry.getKey();
      String value = entry.getValue();
      if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - 1);
      }
      if (key.length() + value.length() + 2 > MAX_ANNOTATION_LENGTH || value.contains("\n")) {
        w.row(title, key + ":");
        for (String line : value.split("\n", -1)) {
          w.row("", "  " + shorten(line, MAX_ANNOTATION_LENGTH - 2));
        }
      } else {
        w.row(title, key + ": " + value);
      }
    }
  }

  private static String shorten(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "..." : text;
  }

  private static Map<String, String> sorted(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    if (map != null && map.isObject()) {
      map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    }
    return sorted;
  }

  private static void content(TabWriter w, int level, JsonNode map, String path) {
    List<String> keys = new ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    String indent = "  ".repeat(level);
    for (String key : keys) {
      String childPath = path + "." + key;
      if (SKIPPED.contains(childPath)) {
        continue;
      }
      JsonNode value = map.get(key);
      if (value.isObject()) {
        w.row(indent + label(key) + ":");
        content(w, level + 1, value, childPath);
      } else if (value.isArray()) {
        w.row(indent + label(key) + ":");
        for (JsonNode item : value) {
          if (item.isObject()) {
            content(w, level + 1, item, childPath);
          } else {
            w.row("  ".repeat(level + 1) + scalar(item));
          }
        }
      } else {
        w.row(indent + label(key) + ":", scalar(value));
      }
    }
  }

  private static String scalar(JsonNode value) {
    return value.isNull() ? "<nil>" : value.asText();
  }

  /** kubectl's smart label: {@code creationTimestamp} becomes {@code Creation Timestamp}. */
  static String label(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (!Character.isLetter(c) && c != '-') {
        return field;
      }
    }
    List<String> words = new ArrayList<>();
    for (String part : splitCamelCase(field)) {
      String upper = part.toUpperCase(Locale.ROOT);
      words.add(
          ACRONYMS.contains(upper)
              ? upper
              : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return String.join(" ", words);
  }

  /**
   * Splits at lower-to-upper changes and before the last capital of a capital run followed by a
   * lower-case letter ({@code podIP} is pod, IP; {@code HTTPServer} is HTTP, Server).
   */
  private static List<String> splitCamelCase(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      char previous = text.charAt(i - 1);
      char c = text.charAt(i);
      boolean lowerToUpper = Character.isLowerCase(previous) && Character.isUpperCase(c);
      boolean endOfCapitals =
          Character.isUpperCase(previous)
              && Character.isUpperCase(c)
              && i + 1 < text.length()
              && Character.isLowerCase(text.charAt(i + 1));
      boolean kindChange = Character.isLetter(previous) != Character.isLetter(c);
      if (lowerToUpper || endOfCapitals || kindChange) {
        parts.add(text.substring(start, i));
        start = i;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private void events(TabWriter w, List<JsonNode> events) {
    if (events == null) {
      return;
    }
    if (events.isEmpty()) {
      w.row("Events:", "<none>");
      return;
    }
    // The events table is aligned on its own.
    w.flush();
    List<JsonNode> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(this::lastSeen));
    w.row("Events:");
    w.row("  Type", "Reason", "Age", "From", "Message");
    w.row("  ----", "------", "----", "----", "-------");
    for (JsonNode event : sorted) {
      w.row(
          "  " + event.path("type").asText(""),
          event.path("reason").asText(""),
          interval(event),
          source(event),
          event.path("message").asText("").strip());
    }
  }

  private static String source(JsonNode event) {
    String component = event.path("source").path("component").asText("");
    return component.isEmpty() ? event.path("reportingComponent").asText("") : component;
  }

  private String interval(JsonNode event) {
    String first = since(event.path("eventTime").asText(""));
    if (first == null) {
      first = since(event.path("firstTimestamp").asText(""));
    }
    if (first == null) {
      first = "<unknown>";
    }
    JsonNode series = event.path("series");
    if (series.isObject()) {
      return age(series.path("lastObservedTime").asText(""))
          + " (x"
          + series.path("count").asInt()
          + " over "
          + first
          + ")";
    }
    int count = event.path("count").asInt(0);
    if (count > 1) {
      return age(event.path("lastTimestamp").asText("")) + " (x" + count + " over " + first + ")";
    }
    return first;
  }

  private String age(String timestamp) {
    String since = since(timestamp);
    return since == null ? "<unknown>" : since;
  }

  private String since(String timestamp) {
    if (timestamp.isEmpty()) {
      return null;
    }
    try {
      return HumanDuration.since(Instant.parse(timestamp), now);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Instant lastSeen(JsonNode event) {
    for (String field : new String[] {"lastTimestamp", "eventTime", "firstTimestamp"}) {
      String value = event.path(field).asText("");
      if (!value.isEmpty()) {
        try {
          return Instant.parse(value);
        } catch (DateTimeParseException e) {
          // try the next field
        }
      }
    }
    JsonNode series = event.path("series").path("lastObservedTime");
    if (series.isTextual()) {
      try {
        return Instant.parse(series.asText());
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    return Instant.EPOCH;
  }
}

package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints API objects as {@code kubectl get -o json|yaml} does. kubectl prints objects decoded into
 * Go maps, so keys come out sorted; JSON is indented by four spaces with {@code <>&} escaped, YAML
 * follows go-yaml: two-space indentation, sequences not indented below their key, strings quoted
 * only where they would read as something else.
 */
final class ObjectPrinter {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern HEX_OCT_BIN =
      Pattern.compile("[-+]?0(x[0-9a-fA-F_]+|o?[0-7_]+|b[01_]+)");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]+[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
              + "\\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?");
  private static final List<String> RESERVED =
      List.of(
          "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y",
          "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN",
          "<<");

  private ObjectPrinter() {}

  // ---------------------------------------------------------------- JSON

  static String json(JsonNode node) {
    StringBuilder out = new StringBuilder();
    json(node, 0, out);
    return out.append('\n').toString();
  }

  private static void json(JsonNode node, int indent, StringBuilder out) {
    if (node.isObject()) {
      List<String> keys = sortedKeys(node);
      if (keys.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      for (int i = 0; i < keys.size(); i++) {
        pad(out, indent + 4);
        quote(keys.get(i), out);
        out.append(": ");
        json(node.get(keys.get(i)), indent + 4, out);
        out.append(i < keys.size() - 1 ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        pad(out, indent + 4);
        json(node.get(i), indent + 4, out);
        out.append(i < node.size() - 1 ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append(']');
    } else if (node.isTextual()) {
      quote(node.asText(), out);
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else {
      out.append(node.toString());
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  // ---------------------------------------------------------------- YAML

  /** go-yaml folds plain and quoted scalars at a space once a line is longer than this. */
  private static final int BEST_WIDTH = 80;

  static String yaml(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.isObject() && !node.isEmpty()) {
      mapping(node, 0, out);
    } else if (node.isArray() && !node.isEmpty()) {
      sequence(node, 0, out);
    } else {
      scalar(node, 0, out);
      out.append('\n');
    }
    return out.toString();
  }

  private static void mapping(JsonNode node, int indent, StringBuilder out) {
    boolean first = true;
    for (String key : sortedKeys(node)) {
      if (!first) {
        pad(out, indent);
      }
      first = false;
      writeString(key, indent, out, false);
      out.append(':');
      JsonNode value = node.get(key);
      if (value.isObject() && !value.isEmpty()) {
        out.append('\n');
        pad(out, indent + 2);
        mapping(value, indent + 2, out);
      } else if (value.isArray() && !value.isEmpty()) {
        // go-yaml does not indent a sequence below its key.
        out.append('\n');
        pad(out, indent);
        sequence(value, indent, out);
      } else {
        out.append(' ');
        scalar(value, indent + 2, out);
        out.append('\n');
      }
    }
  }

  private static void sequence(JsonNode node, int indent, StringBuilder out) {
    boolean first = true;
    for (JsonNode item : node) {
      if (!first) {
        pad(out, indent);
      }
      first = false;
      out.append("- ");
      if (item.isObject() && !item.isEmpty()) {
        mapping(item, indent + 2, out);
      } else if (item.isArray() && !item.isEmpty()) {
        sequence(item, indent + 2, out);
      } else {
        scalar(item, indent + 2, out);
        out.append('\n');
      }
    }
  }

  private static void scalar(JsonNode node, int indent, StringBuilder out) {
    if (node.isObject()) {
      out.append("{}");
    } else if (node.isArray()) {
      out.append("[]");
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isTextual()) {
      writeString(node.asText(), indent, out, true);
    } else {
      out.append(node.asText());
    }
  }

  /** A string in go-yaml's style: plain, single-quoted, double-quoted or literal block. */
  static String yamlString(String text, int indent) {
    StringBuilder out = new StringBuilder();
    writeString(text, indent, out, true);
    return out.toString();
  }

  private static void writeString(String text, int indent, StringBuilder out, boolean breaks) {
    if (text.contains("\n") && breaks) {
      literalBlock(text, indent, out);
    } else if (resolvesToNonString(text) || !printable(text) || text.contains("\n")) {
      doubleQuoted(text, indent, out, breaks);
    } else if (plainAllowed(text)) {
      plain(text, indent, out, breaks);
    } else {
      singleQuoted(text, indent, out, breaks);
    }
  }

  private static int column(StringBuilder out) {
    return out.length() - (out.lastIndexOf("\n") + 1);
  }

  private static boolean foldHere(String text, int i, boolean spaces, StringBuilder out) {
    return !spaces
        && column(out) > BEST_WIDTH
        && i + 1 < text.length()
        && text.charAt(i + 1) != ' ';
  }

  private static void plain(String text, int indent, StringBuilder out, boolean breaks) {
    boolean spaces = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (breaks && foldHere(text, i, spaces, out)) {
          out.append('\n');
          pad(out, indent);
        } else {
          out.append(c);
        }
        spaces = true;
      } else {
        out.append(c);
        spaces = false;
      }
    }
  }

  private static void singleQuoted(String text, int indent, StringBuilder out, boolean breaks) {
    out.append('\'');
    boolean spaces = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (breaks && i > 0 && foldHere(text, i, spaces, out)) {
          out.append('\n');
          pad(out, indent);
        } else {
          out.append(c);
        }
        spaces = true;
      } else {
        out.append(c == '\'' ? "''" : String.valueOf(c));
        spaces = false;
      }
    }
    out.append('\'');
  }

  private static void doubleQuoted(String text, int indent, StringBuilder out, boolean breaks) {
    out.append('"');
    boolean spaces = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (breaks && i > 0 && i < text.length() - 1 && !spaces && column(out) > BEST_WIDTH) {
          out.append('\n');
          pad(out, indent);
          if (text.charAt(i + 1) == ' ') {
            out.append('\\');
          }
        } else {
          out.append(c);
        }
        spaces = true;
        continue;
      }
      spaces = false;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void literalBlock(String text, int indent, StringBuilder out) {
    String body;
    String chomp;
    if (!text.endsWith("\n")) {
      chomp = "-";
      body = text;
    } else if (text.endsWith("\n\n")) {
      chomp = "+";
      body = text.substring(0, text.length() - 1);
    } else {
      chomp = "";
      body = text.substring(0, text.length() - 1);
    }
    out.append('|');
    if (!body.isEmpty() && (body.charAt(0) == ' ' || body.charAt(0) == '\n')) {
      out.append(2);
    }
    out.append(chomp);
    for (String line : body.split("\n", -1)) {
      out.append('\n');
      if (!line.isEmpty()) {
        pad(out, indent);
        out.append(line);
      }
    }
  }

  private static boolean resolvesToNonString(String text) {
    return RESERVED.contains(text)
        || NUMBER.matcher(text).matches()
        || HEX_OCT_BIN.matcher(text).matches()
        || TIMESTAMP.matcher(text).matches();
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == '\ufeff') {
        return false;
      }
    }
    return true;
  }

  /** Whether go-yaml's emitter accepts {@code text} as a plain scalar in block context. */
  private static boolean plainAllowed(String text) {
    char first = text.charAt(0);
    if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
      return false;
    }
    if ((first == '-' || first == '?' || first == ':')
        && (text.length() == 1 || text.charAt(1) == ' ' || text.charAt(1) == '\t')) {
      return false;
    }
    if (first == ' ' || text.charAt(text.length() - 1) == ' ') {
      return false;
    }
    if (text.endsWith(":") || text.contains(": ") || text.contains(" #") || text.contains("\t")) {
      return false;
    }
    return !text.startsWith("---") && !text.startsWith("...");
  }

  private static List<String> sortedKeys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      keys.add(fields.next().getKey());
    }
    keys.sort(null);
    return keys;
  }

  private static void pad(StringBuilder out, int indent) {
    out.append(" ".repeat(indent));
  }
}

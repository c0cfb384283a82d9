package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed label selector in the string syntax of {@code ?labelSelector=}: {@code a=b}, {@code
 * a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by
 * commas. All requirements must hold.
 */
public final class LabelSelector {

  enum Op {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  record Requirement(String key, Op op, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode v = labels == null ? null : labels.get(key);
      boolean has = v != null && !v.isNull();
      String value = has ? v.asText() : null;
      return switch (op) {
        case EQUALS, IN -> has && values.contains(value);
        case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
        case EXISTS -> has;
        case DOES_NOT_EXIST -> !has;
      };
    }
  }

  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Whether an object's {@code metadata.labels} satisfy the selector. */
  public boolean matches(JsonNode object) {
    if (requirements.isEmpty()) {
      return true;
    }
    JsonNode labels = object.path("metadata").get("labels");
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the selector syntax.
   *
   * @throws ApiException 400 for a malformed selector
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw invalid(text, "empty requirement");
      }
      out.add(parseRequirement(p, text));
    }
    return new LabelSelector(out);
  }

  private static Requirement parseRequirement(String p, String whole) {
    if (p.startsWith("!")) {
      String key = p.substring(1).trim();
      checkKey(key, whole);
      return new Requirement(key, Op.DOES_NOT_EXIST, Set.of());
    }
    int paren = p.indexOf('(');
    if (paren > 0) {
      String head = p.substring(0, paren).trim();
      if (!p.endsWith(")")) {
        throw invalid(whole, "expected ')'");
      }
      Set<String> values = new LinkedHashSet<>();
      for (String v : p.substring(paren + 1, p.length() - 1).split(",", -1)) {
        String t = v.trim();
        checkValue(t, whole);
        values.add(t);
      }
      String[] words = head.split("\\s+");
      if (words.length != 2) {
        throw invalid(whole, "expected 'key in (...)' or 'key notin (...)'");
      }
      checkKey(words[0], whole);
      return switch (words[1]) {
        case "in" -> new Requirement(words[0], Op.IN, values);
        case "notin" -> new Requirement(words[0], Op.NOT_IN, values);
        default -> throw invalid(whole, "unknown operator " + words[1]);
      };
    }
    int ne = p.indexOf("!=");
    if (ne > 0) {
      return binary(p.substring(0, ne), p.substring(ne + 2), Op.NOT_EQUALS, whole);
    }
    int eq2 = p.indexOf("==");
    if (eq2 > 0) {
      return binary(p.substring(0, eq2), p.substring(eq2 + 2), Op.EQUALS, whole);
    }
    int eq = p.indexOf('=');
    if (eq > 0) {
      return binary(p.substring(0, eq), p.substring(eq + 1), Op.EQUALS, whole);
    }
    if (p.contains(" ")) {
      throw invalid(whole, "unexpected whitespace");
    }
    checkKey(p, whole);
    return new Requirement(p, Op.EXISTS, Set.of());
  }

  private static Requirement binary(String k, String v, Op op, String whole) {
    String key = k.trim();
    String value = v.trim();
    checkKey(key, whole);
    checkValue(value, whole);
    return new Requirement(key, op, Set.of(value));
  }

  private static void checkKey(String key, String whole) {
    if (!LabelSyntax.isQualifiedName(key)) {
      throw invalid(whole, "invalid label key \"" + key + "\"");
    }
  }

  private static void checkValue(String value, String whole) {
    if (!LabelSyntax.isLabelValue(value)) {
      throw invalid(whole, "invalid label value: \"" + value + "\"");
    }
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static ApiException invalid(String selector, String why) {
    return ApiException.badRequest(
        "unable to parse requirement: " + why + " in label selector \"" + selector + "\"");
  }
}

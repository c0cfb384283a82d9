package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy.NameRule;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Generic {@code metadata} handling shared by every resource: names, timestamps, validation. */
public final class Meta {
  private Meta() {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
  private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  public static ObjectNode meta(ObjectNode o) {
    JsonNode m = o.get("metadata");
    if (m == null || m.isNull()) {
      return o.putObject("metadata");
    }
    if (!(m instanceof ObjectNode meta)) {
      throw ApiException.badRequest("metadata must be an object");
    }
    return meta;
  }

  public static String text(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? "" : n.asText();
  }

  public static String name(ObjectNode o) {
    return text(meta(o), "name");
  }

  /** The current second and its RFC 3339 text: formatting an Instant is costly per request. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  public static String now() {
    long epochSecond = Instant.now().getEpochSecond();
    Second s = lastSecond;
    if (s.epochSecond() != epochSecond) {
      s = new Second(epochSecond, Instant.ofEpochSecond(epochSecond).toString());
      lastSecond = s;
    }
    return s.text();
  }

  public static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static String newUid() {
    return UUID.randomUUID().toString();
  }

  /** A {@code generateName} suffix: five characters from upstream's alphabet. */
  public static String randomSuffix() {
    char[] c = new char[5];
    for (int i = 0; i < c.length; i++) {
      c[i] = NAME_ALPHABET[RANDOM.nextInt(NAME_ALPHABET.length)];
    }
    return new String(c);
  }

  /** Validates the generic parts of {@code metadata}. */
  public static List<FieldError> validate(ObjectNode o, NameRule rule, boolean namespaced) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode meta = meta(o);
    String name = text(meta, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      String why = checkName(name, rule);
      if (why != null) {
        errors.add(FieldError.invalid("metadata.name", name, why));
      }
    }
    if (namespaced && text(meta, "namespace").isEmpty()) {
      errors.add(FieldError.required("metadata.namespace", ""));
    }
    JsonNode labels = meta.get("labels");
    if (labels != null && !labels.isNull()) {
      if (!labels.isObject()) {
        errors.add(FieldError.invalid("metadata.labels", labels.toString(), "must be a map"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!LabelSyntax.isQualifiedName(e.getKey())) {
            errors.add(
                FieldError.invalid(
                    "metadata.labels",
                    e.getKey(),
                    "name part must consist of alphanumeric characters, '-', '_' or '.', and must"
                        + " start and end with an alphanumeric character (e.g. 'MyName',  or"
                        + " 'my.name',  or '123-abc', regex used for validation is"
                        + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
          }
          String v = e.getValue().isTextual() ? e.getValue().asText() : null;
          if (v == null || !LabelSyntax.isLabelValue(v)) {
            errors.add(
                FieldError.invalid(
                    "metadata.labels",
                    v == null ? e.getValue().toString() : v,
                    "a valid label must be an empty string or consist of alphanumeric characters,"
                        + " '-', '_' or '.', and must start and end with an alphanumeric"
                        + " character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used"
                        + " for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
          }
        }
      }
    }
    JsonNode annotations = meta.get("annotations");
    if (annotations != null && !annotations.isNull()) {
      if (!annotations.isObject()) {
        errors.add(
            FieldError.invalid("metadata.annotations", annotations.toString(), "must be a map"));
      } else {
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          size += e.getKey().length() + e.getValue().asText().length();
          if (!LabelSyntax.isQualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
            errors.add(
                FieldError.invalid(
                    "metadata.annotations",
                    e.getKey(),
                    "name part must consist of alphanumeric" + " characters, '-', '_' or '.'"));
          }
          if (!e.getValue().isTextual()) {
            errors.add(
                FieldError.invalid(
                    "metadata.annotations." + e.getKey(),
                    e.getValue().toString(),
                    "must be a string"));
          }
        }
        if (size > MAX_ANNOTATIONS_BYTES) {
          errors.add(FieldError.tooLong("metadata.annotations", MAX_ANNOTATIONS_BYTES));
        }
      }
    }
    JsonNode finalizers = meta.get("finalizers");
    if (finalizers != null && finalizers.isArray()) {
      for (int i = 0; i < finalizers.size(); i++) {
        String f = finalizers.get(i).asText();
        if (!LabelSyntax.isQualifiedName(f)) {
          errors.add(
              FieldError.invalid(
                  "metadata.finalizers[" + i + "]",
                  f,
                  "name part must consist" + " of alphanumeric characters, '-', '_' or '.'"));
        }
      }
    }
    return errors;
  }

  /** Why a name breaks the rule, or null if it is fine. */
  public static String checkName(String name, NameRule rule) {
    return switch (rule) {
      case DNS1123_SUBDOMAIN ->
          LabelSyntax.isDns1123Subdomain(name)
              ? null
              : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric"
                  + " character (e.g. 'example.com', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
      case DNS1123_LABEL ->
          LabelSyntax.isDns1123Label(name)
              ? null
              : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                  + " '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
                  + " or '123-abc', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
      case DNS1035_LABEL ->
          LabelSyntax.isDns1035Label(name)
              ? null
              : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                  + " with an alphabetic character, and end with an alphanumeric character (e.g."
                  + " 'my-name',  or 'abc-123', regex used for validation is"
                  + " '[a-z]([-a-z0-9]*[a-z0-9])?')";
      case PATH_SEGMENT ->
          name.equals(".") || name.equals("..")
              ? "may not be '" + name + "'"
              : name.contains("/") || name.contains("%")
                  ? "may not contain '" + (name.contains("/") ? "/" : "%") + "'"
                  : null;
    };
  }

  /** Whether anything outside metadata and status differs (bumps generation). */
  public static boolean specChanged(ObjectNode updated, ObjectNode old) {
    Iterator<String> names = updated.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!f.equals("metadata") && !f.equals("status") && !updated.get(f).equals(old.get(f))) {
        return true;
      }
    }
    names = old.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!f.equals("metadata") && !f.equals("status") && !updated.has(f)) {
        return true;
      }
    }
    return false;
  }

  public static List<String> finalizers(ObjectNode o) {
    List<String> out = new ArrayList<>();
    JsonNode f = meta(o).get("finalizers");
    if (f != null && f.isArray()) {
      f.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}

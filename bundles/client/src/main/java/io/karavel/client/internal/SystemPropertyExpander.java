package io.karavel.client.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${name}} placeholders such as {@code ${karaf.data}} in configuration values.
 * Karaf's file install expands them in {@code .cfg} files, but not in a component's built-in
 * default, so the provider expands again; unknown names are left as they are.
 */
final class SystemPropertyExpander {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  private SystemPropertyExpander() {}

  static String expand(String value, UnaryOperator<String> properties) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = properties.apply(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(replacement != null ? replacement : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

package io.karavel.protobuf.internal;

import java.util.regex.Pattern;

/** The syntax of {@code resource.Quantity} strings, which Go's decoder refuses when broken. */
final class Quantities {
  private Quantities() {}

  /** A signed decimal, then a binary SI suffix, a decimal SI suffix or a decimal exponent. */
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)"
              + "(?:Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  static boolean isValid(String s) {
    return SYNTAX.matcher(s).matches();
  }
}

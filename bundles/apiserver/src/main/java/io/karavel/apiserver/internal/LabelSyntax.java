package io.karavel.apiserver.internal;

import java.util.regex.Pattern;

/** Upstream's syntax rules for names, label keys and label values. */
public final class LabelSyntax {
  private LabelSyntax() {}

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  public static boolean isDns1123Label(String s) {
    return s.length() <= 63 && DNS1123_LABEL.matcher(s).matches();
  }

  public static boolean isDns1123Subdomain(String s) {
    return s.length() <= 253 && DNS1123_SUBDOMAIN.matcher(s).matches();
  }

  public static boolean isDns1035Label(String s) {
    return s.length() <= 63 && DNS1035_LABEL.matcher(s).matches();
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name part. */
  public static boolean isQualifiedName(String key) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || !isDns1123Subdomain(prefix)) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
  }

  public static boolean isLabelValue(String v) {
    return v.length() <= 63 && LABEL_VALUE.matcher(v).matches();
  }
}

package io.karavel.shell.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encoding of path segments and query values for API requests. */
final class PathSegments {
  private PathSegments() {}

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

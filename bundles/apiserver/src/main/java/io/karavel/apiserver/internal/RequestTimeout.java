package io.karavel.apiserver.internal;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadline of one non-long-running request: the smaller of the server's {@code
 * requestTimeoutSeconds} and the client's {@code ?timeout=} (a Go duration such as {@code 32s} or
 * {@code 1m30s}, as kubectl's {@code --request-timeout} sends it). A request still running at its
 * deadline is answered 504 {@code Timeout}, as upstream's timeout filter does; its work may still
 * complete afterwards, as upstream's does.
 */
final class RequestTimeout {

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  /** Subresources that stream and are never cut by the request deadline. */
  private static final Set<String> LONG_RUNNING_SUBRESOURCES =
      Set.of("log", "exec", "attach", "portforward", "proxy");

  private RequestTimeout() {}

  /** Whether a request streams for as long as the client wants (watches, logs, exec, proxy). */
  static boolean longRunning(RequestInfo info) {
    return info.isWatch()
        || (info.subresource() != null && LONG_RUNNING_SUBRESOURCES.contains(info.subresource()));
  }

  /**
   * The time a request may take.
   *
   * @param param the {@code timeout} query parameter, or null
   * @param max the server's limit
   * @throws ApiException 400 when {@code param} is not a valid duration
   */
  static Duration of(String param, Duration max) {
    if (param == null || param.isEmpty()) {
      return max;
    }
    Duration asked = parseGoDuration(param);
    if (asked == null) {
      throw ApiException.badRequest("invalid timeout specified in the request URL");
    }
    return asked.isZero() || asked.isNegative() || asked.compareTo(max) > 0 ? max : asked;
  }

  /** Parses Go's {@code time.Duration} text ({@code 300ms}, {@code 1h2m3s}); null when invalid. */
  static Duration parseGoDuration(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    double nanos = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      double value = Double.parseDouble(m.group(1));
      nanos +=
          value
              * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
      at = m.end();
    }
    if (at == 0 || nanos > Long.MAX_VALUE) {
      return null;
    }
    Duration d = Duration.ofNanos((long) nanos);
    return negative ? d.negated() : d;
  }
}

package io.karavel.protobuf.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Go's {@code time.Duration} text form, which {@code metav1.Duration} uses in JSON ({@code "5m0s"},
 * {@code "1h0m0s"}, {@code "1.5s"}, {@code "300ms"}).
 */
final class GoDuration {
  private GoDuration() {}

  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

  /** Formats nanoseconds as {@code Duration.String()} does. */
  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    // Unsigned, so that Long.MIN_VALUE keeps its magnitude.
    long u = negative ? -nanos : nanos;
    StringBuilder out = new StringBuilder();
    if (Long.compareUnsigned(u, SECOND) < 0) {
      String unit;
      int precision;
      if (u < MICROSECOND) {
        unit = "ns";
        precision = 0;
      } else if (u < MILLISECOND) {
        unit = "\u00b5s";
        precision = 3;
      } else {
        unit = "ms";
        precision = 6;
      }
      out.append(withFraction(u, precision)).append(unit);
    } else {
      String seconds = withFraction(Long.remainderUnsigned(u, 60 * SECOND), 9);
      long minutes = Long.divideUnsigned(u, 60 * SECOND);
      if (minutes > 0) {
        long hours = minutes / 60;
        if (hours > 0) {
          out.append(hours).append('h');
        }
        out.append(minutes % 60).append('m');
      }
      out.append(seconds).append('s');
    }
    return negative ? "-" + out : out.toString();
  }

  /** {@code value / 10^precision} with the trailing zeros of the fraction (and its dot) dropped. */
  private static String withFraction(long value, int precision) {
    BigDecimal d = new BigDecimal(new BigInteger(Long.toUnsignedString(value)), precision);
    d = d.stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  /**
   * Parses {@code time.ParseDuration} syntax: an optional sign, then numbers with units {@code ns,
   * us, µs, ms, s, m, h} ({@code "1h30m"}, {@code "1.5s"}); {@code "0"} alone needs no unit.
   *
   * @throws IllegalArgumentException when the text is not a duration or overflows 64 bits
   */
  static long parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      boolean digits = false;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
        digits = true;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
          digits = true;
        }
      }
      if (!digits) {
        throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      }
      BigDecimal number = new BigDecimal(s.substring(start, i));
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit =
          switch (s.substring(unitStart, i)) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> MICROSECOND;
            case "ms" -> MILLISECOND;
            case "s" -> SECOND;
            case "m" -> 60 * SECOND;
            case "h" -> 3600 * SECOND;
            case "" ->
                throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
            default ->
                throw new IllegalArgumentException("unknown unit in duration \"" + text + "\"");
          };
      total = total.add(number.multiply(BigDecimal.valueOf(unit)));
    }
    BigInteger nanos = total.toBigInteger();
    if (negative) {
      nanos = nanos.negate();
    }
    if (nanos.compareTo(MAX) > 0 || nanos.compareTo(MIN) < 0) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    return nanos.longValue();
  }
}

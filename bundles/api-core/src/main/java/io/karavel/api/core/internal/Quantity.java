package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * An exact resource quantity ({@code 500m}, {@code 1.5Gi}, {@code 1e3}), parsed and printed as
 * upstream's {@code resource.Quantity}: values are rounded up to the nano, and {@link #canonical}
 * gives the form the API server stores ({@code 1000m} becomes {@code 1}, {@code 1.5Gi} becomes
 * {@code 1536Mi}).
 *
 * @param value the exact value
 * @param format how the value was written, which decides how it is printed
 */
record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

  /** The notation a quantity keeps when printed. */
  enum Format {
    DECIMAL_SI,
    BINARY_SI,
    DECIMAL_EXPONENT
  }

  static final String FORMAT_ERROR =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

  static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final Map<String, Integer> DECIMAL_SUFFIXES =
      Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_SUFFIXES =
      Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
  private static final String[] DECIMAL_BY_EXPONENT = {
    "n", "u", "m", "", "k", "M", "G", "T", "P", "E"
  };
  private static final String[] BINARY_BY_POWER = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  /** Thrown for text that is not a quantity; the message is upstream's. */
  static final class FormatException extends IllegalArgumentException {
    FormatException(String message) {
      super(message);
    }
  }

  /** Parses a quantity from its JSON form: a string, or a number written without quotes. */
  static Quantity of(JsonNode n) {
    if (n == null || n.isNull()) {
      throw new FormatException(FORMAT_ERROR);
    }
    if (n.isTextual()) {
      return parse(n.asText().strip());
    }
    if (n.isNumber()) {
      return parse(
          n.isIntegralNumber() ? n.bigIntegerValue().toString() : n.decimalValue().toPlainString());
    }
    throw new FormatException(FORMAT_ERROR);
  }

  static Quantity parse(String s) {
    if (s.isEmpty()) {
      throw new FormatException(FORMAT_ERROR);
    }
    int pos = 0;
    int end = s.length();
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      pos++;
    }
    int numStart = pos;
    while (pos < end && isDigit(s.charAt(pos))) {
      pos++;
    }
    String num = s.substring(numStart, pos);
    String denom = "";
    if (pos < end && s.charAt(pos) == '.') {
      int denomStart = ++pos;
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      denom = s.substring(denomStart, pos);
    }
    String suffix = s.substring(pos);
    if (!suffixShapeOk(suffix)) {
      throw new FormatException(FORMAT_ERROR);
    }
    BigDecimal magnitude =
        new BigDecimal((num.isEmpty() ? "0" : num) + (denom.isEmpty() ? "" : "." + denom));
    Format format;
    if (DECIMAL_SUFFIXES.containsKey(suffix)) {
      format = Format.DECIMAL_SI;
      magnitude = magnitude.scaleByPowerOfTen(DECIMAL_SUFFIXES.get(suffix));
    } else if (BINARY_SUFFIXES.containsKey(suffix)) {
      format = Format.BINARY_SI;
      magnitude =
          magnitude.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(BINARY_SUFFIXES.get(suffix))));
    } else if ((suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') && suffix.length() > 1) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        throw new FormatException(SUFFIX_ERROR);
      }
      format = Format.DECIMAL_EXPONENT;
      magnitude = magnitude.scaleByPowerOfTen(exponent);
    } else {
      throw new FormatException(SUFFIX_ERROR);
    }
    // Upstream rounds non-zero values up to the nano, so that a tiny request still asks for some.
    if (magnitude.scale() > 9) {
      magnitude = magnitude.setScale(9, RoundingMode.UP);
    }
    if (format == Format.BINARY_SI) {
      if (magnitude.compareTo(MAX_BINARY) > 0) {
        magnitude = MAX_BINARY;
      }
      if (magnitude.signum() > 0 && magnitude.compareTo(BigDecimal.ONE) < 0) {
        format = Format.DECIMAL_SI;
      }
    }
    return new Quantity(negative ? magnitude.negate() : magnitude, format);
  }

  /** The suffix part of upstream's regular expression: letters, then an optional signed number. */
  private static boolean suffixShapeOk(String suffix) {
    int i = 0;
    while (i < suffix.length() && "eEinumkKMGTP".indexOf(suffix.charAt(i)) >= 0) {
      i++;
    }
    if (i < suffix.length() && (suffix.charAt(i) == '-' || suffix.charAt(i) == '+')) {
      i++;
    }
    while (i < suffix.length() && isDigit(suffix.charAt(i))) {
      i++;
    }
    return i == suffix.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  int signum() {
    return value.signum();
  }

  boolean isZero() {
    return value.signum() == 0;
  }

  /** Whether the value has no fractional part (upstream: {@code MilliValue() % 1000 == 0}). */
  boolean isWhole() {
    return value.stripTrailingZeros().scale() <= 0;
  }

  /** This quantity rounded up to a multiple of 1m, as upstream does with every {@code cpu}. */
  Quantity roundUpToMilli() {
    if (value.scale() <= 3) {
      return this;
    }
    return new Quantity(value.setScale(3, RoundingMode.UP), format);
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  /** Upstream's canonical text: what {@code Quantity.String()} prints and the store keeps. */
  String canonical() {
    if (value.signum() == 0) {
      return "0";
    }
    Format f = format;
    if (f == Format.BINARY_SI) {
      if (value.abs().compareTo(KI) < 0 || !isWhole()) {
        f = Format.DECIMAL_SI;
      } else {
        BigInteger n = value.toBigIntegerExact();
        int power = 0;
        BigInteger ki = BigInteger.valueOf(1024);
        while (power < BINARY_BY_POWER.length - 1 && n.mod(ki).signum() == 0) {
          n = n.divide(ki);
          power++;
        }
        return n + BINARY_BY_POWER[power];
      }
    }
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    int down = Math.floorMod(exponent, 3);
    if (down != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(down));
      exponent -= down;
    }
    if (f == Format.DECIMAL_EXPONENT || exponent < -9 || exponent > 18) {
      return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
    return mantissa + DECIMAL_BY_EXPONENT[(exponent + 9) / 3];
  }

  @Override
  public String toString() {
    return canonical();
  }
}

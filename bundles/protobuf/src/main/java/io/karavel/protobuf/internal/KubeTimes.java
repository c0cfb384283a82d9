package io.karavel.protobuf.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The JSON forms of {@code metav1.Time} (RFC 3339 in UTC, whole seconds) and {@code
 * metav1.MicroTime} (six fractional digits), and Go's zero time, which both render as {@code null}.
 */
final class KubeTimes {
  private KubeTimes() {}

  /** Seconds of Go's zero {@code time.Time} (0001-01-01T00:00:00Z) since the Unix epoch. */
  static final long GO_ZERO_SECONDS = -62135596800L;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  static String formatSeconds(long epochSeconds) {
    return SECONDS.format(Instant.ofEpochSecond(epochSeconds));
  }

  static String formatMicros(Instant instant) {
    return MICROS.format(instant);
  }

  /**
   * Parses RFC 3339 with any offset and fraction, as Go's {@code time.Parse(time.RFC3339, ...)}.
   *
   * @throws IllegalArgumentException when the text is not RFC 3339
   */
  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid RFC 3339 time \"" + text + "\"", e);
    }
  }

  static boolean isGoZero(Instant instant) {
    return instant.getEpochSecond() == GO_ZERO_SECONDS && instant.getNano() == 0;
  }
}

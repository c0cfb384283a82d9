package io.karavel.api.batch.internal;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a CronJob schedule the way upstream's parser ({@code cron.ParseStandard}) does: five
 * fields (minute, hour, day of month, month, day of week) with lists, ranges, steps and names, or
 * one of the {@code @hourly}-style descriptors, and reports its error messages.
 */
final class CronSchedule {
  private CronSchedule() {}

  private record Bounds(int min, int max, Map<String, Integer> names) {}

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

  private static final List<Bounds> FIELDS =
      List.of(
          new Bounds(0, 59, Map.of()),
          new Bounds(0, 23, Map.of()),
          new Bounds(1, 31, Map.of()),
          new Bounds(1, 12, MONTHS),
          new Bounds(0, 6, DAYS));

  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private static final Pattern GO_DURATION =
      Pattern.compile(
          "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))*|0");

  /** The parser's error for {@code spec}, or empty if it parses. */
  static Optional<String> error(String spec) {
    if (spec.isEmpty()) {
      return Optional.of("empty spec string");
    }
    String s = spec;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int eq = s.indexOf('=');
      int sp = s.indexOf(' ');
      String zone = sp < 0 ? s.substring(eq + 1) : s.substring(eq + 1, sp);
      if (!knownZone(zone)) {
        return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
      }
      s = sp < 0 ? "" : s.substring(sp).trim();
    }
    if (s.startsWith("@")) {
      if (DESCRIPTORS.contains(s)) {
        return Optional.empty();
      }
      if (s.startsWith("@every ")) {
        String d = s.substring("@every ".length());
        return GO_DURATION.matcher(d).matches()
            ? Optional.empty()
            : Optional.of("failed to parse duration " + s + ": time: invalid duration " + quote(d));
      }
      return Optional.of("unrecognized descriptor: " + s);
    }
    String[] fields = s.trim().isEmpty() ? new String[0] : s.trim().split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "expected exactly 5 fields, found "
              + fields.length
              + ": ["
              + String.join(" ", Arrays.asList(fields))
              + "]");
    }
    for (int i = 0; i < 5; i++) {
      for (String part : fields[i].split(",", -1)) {
        Optional<String> err = range(part, FIELDS.get(i));
        if (err.isPresent()) {
          return err;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> range(String expr, Bounds b) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowHigh = rangeAndStep[0].split("-", -1);
    long start;
    long end;
    try {
      if (lowHigh[0].equals("*") || lowHigh[0].equals("?")) {
        start = b.min();
        end = b.max();
      } else {
        start = intOrName(lowHigh[0], b.names());
        if (lowHigh.length == 1) {
          end = start;
        } else if (lowHigh.length == 2) {
          end = intOrName(lowHigh[1], b.names());
        } else {
          return Optional.of("too many hyphens: " + expr);
        }
      }
      long step;
      if (rangeAndStep.length == 1) {
        step = 1;
      } else if (rangeAndStep.length == 2) {
        step = mustParseInt(rangeAndStep[1]);
        if (lowHigh.length == 1) {
          end = b.max();
        }
      } else {
        return Optional.of("too many slashes: " + expr);
      }
      if (start < b.min()) {
        return Optional.of(
            "beginning of range (" + start + ") below minimum (" + b.min() + "): " + expr);
      }
      if (end > b.max()) {
        return Optional.of("end of range (" + end + ") above maximum (" + b.max() + "): " + expr);
      }
      if (start > end) {
        return Optional.of(
            "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
      }
      if (step == 0) {
        return Optional.of("step of range should be a positive number: " + expr);
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static long intOrName(String expr, Map<String, Integer> names) {
    Integer named = names.get(expr.toLowerCase(Locale.ROOT));
    return named != null ? named : mustParseInt(expr);
  }

  private static long mustParseInt(String expr) {
    long n;
    try {
      n = Long.parseLong(expr);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "failed to parse int from "
              + expr
              + ": strconv.Atoi: parsing "
              + quote(expr)
              + ": invalid syntax");
    }
    if (n < 0) {
      throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + expr);
    }
    return n;
  }

  /** Whether Go's {@code time.LoadLocation} would know the zone. */
  static boolean knownZone(String zone) {
    return zone.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

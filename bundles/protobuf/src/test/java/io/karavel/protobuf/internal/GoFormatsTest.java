package io.karavel.protobuf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Go's text forms of durations, times and quantities. */
class GoFormatsTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  @Test
  void durationsFormatAsGoPrintsThem() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(1)).isEqualTo("1ns");
    assertThat(GoDuration.format(1_500)).isEqualTo("1.5\u00b5s");
    assertThat(GoDuration.format(300 * MS)).isEqualTo("300ms");
    assertThat(GoDuration.format(1_500 * MS)).isEqualTo("1.5s");
    assertThat(GoDuration.format(5 * 60 * S)).isEqualTo("5m0s");
    assertThat(GoDuration.format(3600 * S)).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(26 * 3600 * S + 3 * 60 * S + 4 * S + 5))
        .isEqualTo("26h3m4.000000005s");
    assertThat(GoDuration.format(-90 * S)).isEqualTo("-1m30s");
    assertThat(GoDuration.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }

  @Test
  void durationsParseAsGoParsesThem() {
    assertThat(GoDuration.parse("0")).isZero();
    assertThat(GoDuration.parse("1h30m")).isEqualTo(5400 * S);
    assertThat(GoDuration.parse("1.5s")).isEqualTo(1_500 * MS);
    assertThat(GoDuration.parse("-2m3.5s")).isEqualTo(-123_500 * MS);
    assertThat(GoDuration.parse("10us")).isEqualTo(10_000);
    assertThat(GoDuration.parse("10\u00b5s")).isEqualTo(10_000);
    assertThat(GoDuration.parse(".5h")).isEqualTo(1800 * S);
    for (String bad : new String[] {"", "5", "h", "1x", "1.s.", "-", "3000000h"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (long d : new long[] {0, 1, 999, 1_234_567, 59 * S, 61 * S + 7, 90061 * S}) {
      assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }
  }

  @Test
  void timesAreUtcRfc3339() {
    assertThat(KubeTimes.formatSeconds(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(KubeTimes.formatSeconds(1735787045L)).isEqualTo("2025-01-02T03:04:05Z");
    assertThat(KubeTimes.formatMicros(Instant.ofEpochSecond(1735787045L, 123_456_000)))
        .isEqualTo("2025-01-02T03:04:05.123456Z");
    assertThat(KubeTimes.formatMicros(Instant.ofEpochSecond(1735787045L)))
        .isEqualTo("2025-01-02T03:04:05.000000Z");
    assertThat(KubeTimes.parse("2025-01-02T05:04:05+02:00").getEpochSecond())
        .isEqualTo(1735787045L);
    assertThat(KubeTimes.isGoZero(KubeTimes.parse("0001-01-01T00:00:00Z"))).isTrue();
    assertThatThrownBy(() -> KubeTimes.parse("2025-01-02 03:04:05"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quantitySyntax() {
    for (String ok :
        new String[] {"1", "500m", "1.5Gi", "128Mi", "-1", "+2k", "1e3", ".5", "1.", "0"}) {
      assertThat(Quantities.isValid(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "lots", "1 Gi", "1GiB", "1.2.3", "m", "1Ki5"}) {
      assertThat(Quantities.isValid(bad)).as(bad).isFalse();
    }
  }
}

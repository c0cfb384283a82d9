package io.karavel.store.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryCompactorTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final HistoryCompactor compactor = new HistoryCompactor(now::get);
  private static final Duration RETENTION = Duration.ofSeconds(600);

  private void advanceSeconds(long s) {
    now.addAndGet(Duration.ofSeconds(s).toNanos());
  }

  @Test
  void keepsTheRevisionsOfTheRetentionWindow() {
    assertThat(compactor.tick(10, RETENTION, 0)).isZero();
    advanceSeconds(300);
    assertThat(compactor.tick(50, RETENTION, 0)).isZero();
    advanceSeconds(300);
    // Revision 10 was current 600 s ago: everything older goes.
    assertThat(compactor.tick(90, RETENTION, 0)).isEqualTo(10);
    advanceSeconds(299);
    assertThat(compactor.tick(95, RETENTION, 0)).isEqualTo(10);
    advanceSeconds(1);
    assertThat(compactor.tick(99, RETENTION, 0)).isEqualTo(50);
  }

  @Test
  void theRevisionCapWinsOverAgeUnderHeavyWrites() {
    assertThat(compactor.tick(1_000_000, RETENTION, 100_000)).isEqualTo(900_000);
    assertThat(compactor.tick(50, RETENTION, 100_000)).isZero();
  }

  @Test
  void zeroRetentionCompactsAtTheCurrentRevision() {
    assertThat(compactor.tick(42, Duration.ZERO, 0)).isEqualTo(42);
  }
}

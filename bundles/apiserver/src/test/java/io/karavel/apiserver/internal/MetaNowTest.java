package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetaNowTest {
  @Test
  void nowIsTheCurrentSecondInRfc3339() throws Exception {
    for (int i = 0; i < 3; i++) {
      Instant before = Instant.now().minusSeconds(1);
      String now = Meta.now();
      Instant after = Instant.now();
      assertThat(now).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      Instant parsed = Instant.parse(now);
      assertThat(parsed).isBetween(before, after);
      assertThat(Duration.between(parsed, after)).isLessThan(Duration.ofSeconds(2));
      Thread.sleep(600); // crosses a second boundary at least once over the loop
    }
  }
}

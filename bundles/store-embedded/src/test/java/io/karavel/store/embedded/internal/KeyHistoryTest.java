package io.karavel.store.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.store.spi.KeyValue;
import org.junit.jupiter.api.Test;

class KeyHistoryTest {
  private static KeyValue v(long create, long mod, long version) {
    return new KeyValue("/k", new byte[] {(byte) mod}, create, mod, version);
  }

  private final KeyHistory history =
      KeyHistory.of(v(2, 2, 1))
          .append(v(2, 5, 2))
          .append(KeyHistory.tombstone("/k", 8))
          .append(v(10, 10, 1))
          .append(v(10, 12, 2));

  @Test
  void readsTheVersionLiveAtARevision() {
    assertThat(history.liveAt(1)).isNull();
    assertThat(history.liveAt(4).modRevision()).isEqualTo(2);
    assertThat(history.liveAt(7).modRevision()).isEqualTo(5);
    assertThat(history.liveAt(9)).isNull();
    assertThat(history.liveAt(11).modRevision()).isEqualTo(10);
    assertThat(history.liveAt(100).modRevision()).isEqualTo(12);
  }

  @Test
  void compactionKeepsTheStateAtTheCompactRevisionAndLater() {
    KeyHistory at6 = history.compactedTo(6);
    assertThat(at6.versions()).extracting(KeyValue::modRevision).containsExactly(5L, 8L, 10L, 12L);
    assertThat(at6.liveAt(6)).isEqualTo(history.liveAt(6));
    // A tombstone as the state at the compact revision is not needed: absence says the same.
    KeyHistory at9 = history.compactedTo(9);
    assertThat(at9.versions()).extracting(KeyValue::modRevision).containsExactly(10L, 12L);
    assertThat(at9.liveAt(9)).isNull();
    assertThat(history.compactedTo(12).versions())
        .extracting(KeyValue::modRevision)
        .containsExactly(10L, 12L);
    assertThat(history.compactedTo(1)).isSameAs(history);
    assertThat(KeyHistory.of(v(2, 2, 1)).append(KeyHistory.tombstone("/k", 3)).compactedTo(4))
        .isNull();
  }
}

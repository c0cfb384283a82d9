package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.e2e.RevisionHistory.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker accepts linearizable histories and finds what breaks them. */
class RevisionHistoryTest {

  @Test
  void acceptsOverlappingOperationsInRevisionOrder() {
    List<Op> ops =
        List.of(
            Op.write(0, 10, "a", 5),
            Op.read(2, 12, "v0", 1), // overlaps the write: may see the old value
            Op.read(11, 15, "a", 5),
            Op.write(13, 30, "b", 6),
            Op.read(14, 16, "a", 5), // the write of b is still in flight
            Op.read(31, 32, "b", 6));
    assertThat(RevisionHistory.violations(ops, "v0", 1)).isEmpty();
  }

  @Test
  void findsAStaleRead() {
    List<Op> ops = List.of(Op.write(0, 10, "a", 5), Op.read(11, 12, "v0", 1));
    assertThat(RevisionHistory.violations(ops, "v0", 1))
        .singleElement()
        .asString()
        .contains("real-time order broken");
  }

  @Test
  void findsAReadOfAValueNeverWritten() {
    List<Op> ops = List.of(Op.write(0, 10, "a", 5), Op.read(11, 12, "zz", 5));
    assertThat(RevisionHistory.violations(ops, "v0", 1)).isNotEmpty();
    assertThat(RevisionHistory.violations(List.of(Op.read(11, 12, "zz", 7)), "v0", 1))
        .singleElement()
        .asString()
        .contains("no write produced");
  }

  @Test
  void findsTwoWritesAtOneRevision() {
    List<Op> ops = List.of(Op.write(0, 10, "a", 5), Op.write(0, 10, "b", 5));
    assertThat(RevisionHistory.violations(ops, "v0", 1)).isNotEmpty();
  }

  @Test
  void anUnknownWriteCountsOnlyWhenSeen() {
    List<Op> seen =
        List.of(Op.unknownWrite(0, "a"), Op.read(20, 21, "a", 9), Op.read(22, 23, "a", 9));
    assertThat(RevisionHistory.violations(seen, "v0", 1)).isEmpty();
    List<Op> lost = List.of(Op.unknownWrite(0, "a"), Op.read(20, 21, "v0", 1));
    assertThat(RevisionHistory.violations(lost, "v0", 1)).isEmpty();
    // Seen, then unseen again: the read of the old value after the read of the new one is stale.
    List<Op> flapping =
        List.of(Op.unknownWrite(0, "a"), Op.read(20, 21, "a", 9), Op.read(22, 23, "v0", 1));
    assertThat(RevisionHistory.violations(flapping, "v0", 1)).isNotEmpty();
  }
}

package io.karavel.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A linearizability checker for the history of one key, using the revisions the store reports.
 *
 * <p>etcd orders all writes by revision, and every answer carries the revision it saw: a write
 * returns the revision it created, a read the modification revision of the value it returned. The
 * only candidate linearization is therefore revision order (writes before reads of the same
 * revision). The history is linearizable exactly when (1) acknowledged writes have distinct
 * revisions, (2) every read returns the value of the write at its revision, and (3) that order
 * respects real time: an operation that ended before another began has a smaller or equal position.
 * Writes whose outcome is unknown (timeouts, 5xx) may or may not have happened; they get a revision
 * only when a read observed their value. The check is quadratic, fine for the few thousand
 * operations of a test.
 */
final class RevisionHistory {

  /**
   * One operation: a read or a write of {@code value}, invoked at {@code start} and answered at
   * {@code end} (nanoTime), with the revision it reported; {@code end == Long.MAX_VALUE} and {@code
   * revision == 0} for a write whose outcome is unknown.
   */
  record Op(boolean write, long start, long end, String value, long revision) {
    static Op read(long start, long end, String value, long revision) {
      return new Op(false, start, end, value, revision);
    }

    static Op write(long start, long end, String value, long revision) {
      return new Op(true, start, end, value, revision);
    }

    static Op unknownWrite(long start, String value) {
      return new Op(true, start, Long.MAX_VALUE, value, 0);
    }
  }

  private RevisionHistory() {}

  /**
   * The violations of linearizability in {@code ops}, empty when there is none.
   *
   * @param initialValue the value the key held at {@code initialRevision}, before the history
   */
  static List<String> violations(List<Op> ops, String initialValue, long initialRevision) {
    List<String> problems = new ArrayList<>();
    Map<Long, Op> writesByRevision = new HashMap<>();
    Map<String, Op> unknownByValue = new HashMap<>();
    for (Op op : ops) {
      if (op.write() && op.revision() != 0) {
        Op other = writesByRevision.put(op.revision(), op);
        if (other != null) {
          problems.add("two writes at revision " + op.revision() + ": " + other + ", " + op);
        }
      } else if (op.write()) {
        unknownByValue.put(op.value(), op);
      }
    }
    // Positions: revision * 2 for writes, revision * 2 + 1 for reads.
    List<long[]> timed = new ArrayList<>(); // {start, end, position}
    for (Op op : ops) {
      if (op.write() && op.revision() != 0) {
        timed.add(new long[] {op.start(), op.end(), op.revision() * 2});
      }
    }
    Map<Long, Op> resolvedUnknown = new HashMap<>();
    for (Op op : ops) {
      if (op.write()) {
        continue;
      }
      Op w = writesByRevision.get(op.revision());
      if (w == null && op.revision() == initialRevision && op.value().equals(initialValue)) {
        timed.add(new long[] {op.start(), op.end(), op.revision() * 2 + 1});
        continue;
      }
      if (w == null) {
        Op unknown = unknownByValue.get(op.value());
        if (unknown != null) {
          Op before = resolvedUnknown.putIfAbsent(op.revision(), unknown);
          if (before == null) {
            timed.add(new long[] {unknown.start(), unknown.end(), op.revision() * 2});
          }
          w = unknown;
        }
      }
      if (w == null) {
        problems.add("read of a value no write produced at its revision: " + op);
      } else if (!w.value().equals(op.value())) {
        problems.add(
            "read at revision " + op.revision() + " returned " + op.value() + ", not " + w.value());
      }
      timed.add(new long[] {op.start(), op.end(), op.revision() * 2 + 1});
    }
    for (long[] a : timed) {
      for (long[] b : timed) {
        if (a[1] < b[0] && a[2] > b[2]) {
          problems.add(
              "real-time order broken: an operation at position "
                  + a[2]
                  + " ended before one at position "
                  + b[2]
                  + " began ("
                  + describe(a[2])
                  + " before "
                  + describe(b[2])
                  + ")");
          if (problems.size() > 20) {
            return problems;
          }
        }
      }
    }
    return problems;
  }

  private static String describe(long position) {
    return (position % 2 == 0 ? "write" : "read") + " of revision " + position / 2;
  }
}

package io.karavel.store.embedded.internal;

import io.karavel.store.spi.DeleteResult;
import io.karavel.store.spi.FutureRevisionException;
import io.karavel.store.spi.KeyExistsException;
import io.karavel.store.spi.KeyNotFoundException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.RevisionMismatchException;

/**
 * Decides each write against the newest state, gives it the next revision, applies it to the index
 * and encodes its log record. Runs on the commit writer's thread only; the versions it adds stay
 * invisible to readers until the batch is on disk.
 */
final class StateMachine {
  private final MvccIndex index;
  private long revision;
  private volatile long compactRevision;

  StateMachine(MvccIndex index, long revision, long compactRevision) {
    this.index = index;
    this.revision = revision;
    this.compactRevision = compactRevision;
  }

  /**
   * Applies one write.
   *
   * @return the result for the caller: a {@link KeyValue}, a {@link DeleteResult}, or the compact
   *     revision
   * @throws io.karavel.store.spi.StoreException when the write is refused; nothing changed then
   */
  Object apply(WriteOp op, RecordBuffer out) {
    if (op instanceof WriteOp.Create c) {
      return create(c, out);
    } else if (op instanceof WriteOp.Update u) {
      return update(u, out);
    } else if (op instanceof WriteOp.Delete d) {
      return delete(d, out);
    }
    return compact((WriteOp.Compact) op, out);
  }

  private KeyValue create(WriteOp.Create op, RecordBuffer out) {
    KeyValue existing = index.live(op.key());
    if (existing != null) {
      throw new KeyExistsException(existing);
    }
    long rev = revision + 1;
    return put(new KeyValue(op.key(), op.value(), rev, rev, 1), out);
  }

  private KeyValue update(WriteOp.Update op, RecordBuffer out) {
    KeyValue current = guarded(op.key(), op.expectedModRevision());
    long rev = revision + 1;
    return put(
        new KeyValue(op.key(), op.value(), current.createRevision(), rev, current.version() + 1),
        out);
  }

  private DeleteResult delete(WriteOp.Delete op, RecordBuffer out) {
    KeyValue current = guarded(op.key(), op.expectedModRevision());
    long rev = revision + 1;
    put(KeyHistory.tombstone(op.key(), rev), out);
    return new DeleteResult(current, rev);
  }

  private KeyValue guarded(String key, long expectedModRevision) {
    KeyValue current = index.live(key);
    if (current == null) {
      throw new KeyNotFoundException(key);
    }
    if (expectedModRevision != 0 && current.modRevision() != expectedModRevision) {
      throw new RevisionMismatchException(current, expectedModRevision);
    }
    return current;
  }

  private KeyValue put(KeyValue kv, RecordBuffer out) {
    out.add(LogRecord.version(kv));
    index.add(kv);
    revision = kv.modRevision();
    return kv;
  }

  private Long compact(WriteOp.Compact op, RecordBuffer out) {
    if (op.revision() > revision) {
      throw new FutureRevisionException(op.revision(), revision);
    }
    if (op.revision() > compactRevision) {
      out.add(LogRecord.compact(op.revision()));
      compactRevision = op.revision();
    }
    return compactRevision;
  }

  /** The revision of the newest sequenced write, durable or not. */
  long revision() {
    return revision;
  }

  long compactRevision() {
    return compactRevision;
  }
}

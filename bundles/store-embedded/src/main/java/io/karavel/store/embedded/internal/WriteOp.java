package io.karavel.store.embedded.internal;

/** A change waiting to be sequenced by the commit writer. */
sealed interface WriteOp {

  /** Create a key that must not exist. */
  record Create(String key, byte[] value) implements WriteOp {}

  /** Replace an existing key's value, guarded by its modification revision (0: unguarded). */
  record Update(String key, byte[] value, long expectedModRevision) implements WriteOp {}

  /** Delete an existing key, guarded by its modification revision (0: unguarded). */
  record Delete(String key, long expectedModRevision) implements WriteOp {}

  /** Discard history below a revision. */
  record Compact(long revision) implements WriteOp {}
}

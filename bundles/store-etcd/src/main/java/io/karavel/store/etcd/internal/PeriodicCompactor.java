package io.karavel.store.etcd.internal;

import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's compactor: each run compacts the history up to the revision the previous run
 * saw, so the window kept is the revisions written in the last interval (history stays readable and
 * watchable for one to two intervals). Several API servers on one cluster may each compact;
 * compacting at or below etcd's compact revision is a no-op.
 */
final class PeriodicCompactor implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicCompactor.class);

  private final KeyValueStore store;

  /** The revision the previous run saw; 0 before the first run. Only the timer thread uses it. */
  private long previous;

  PeriodicCompactor(KeyValueStore store) {
    this.store = store;
  }

  @Override
  public void run() {
    try {
      long current = store.currentRevision();
      if (previous > 0) {
        store.compact(previous);
        LOG.debug("compacted etcd up to revision {} (current {})", previous, current);
      }
      previous = current;
    } catch (StoreException e) {
      LOG.warn("compacting etcd failed; retrying at the next interval: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("compacting etcd failed; retrying at the next interval", e);
    }
  }
}

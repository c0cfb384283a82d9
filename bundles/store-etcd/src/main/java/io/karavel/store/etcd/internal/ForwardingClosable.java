package io.karavel.store.etcd.internal;

import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.KeyValueStoreFactory;

/** A store handed out by {@link EtcdStoreFactory}: closing it also forgets it there. */
final class ForwardingClosable extends ForwardingKeyValueStore
    implements KeyValueStoreFactory.ClosableKeyValueStore {
  private final JetcdStore store;
  private final Runnable onClose;

  ForwardingClosable(JetcdStore store, Runnable onClose) {
    this.store = store;
    this.onClose = onClose;
  }

  @Override
  protected KeyValueStore delegate() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    onClose.run();
  }
}

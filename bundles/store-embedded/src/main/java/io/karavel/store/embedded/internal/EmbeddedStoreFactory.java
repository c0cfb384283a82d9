package io.karavel.store.embedded.internal;

import io.karavel.store.spi.KeyValueStoreFactory;
import io.karavel.store.spi.StoreUnavailableException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Opens embedded stores on a directory of their own (the keys of PID {@code
 * io.karavel.store.embedded}), for tools such as migration and for tests. A directory in use by
 * another store is locked, and opening it fails. Stores still open when the bundle stops are
 * closed.
 */
@Component(service = KeyValueStoreFactory.class, property = "karavel.store=embedded")
public final class EmbeddedStoreFactory implements KeyValueStoreFactory {
  private final Set<LogStore> open = ConcurrentHashMap.newKeySet();

  @Override
  public ClosableKeyValueStore open(Map<String, ?> settings) {
    LogStore store;
    try {
      store =
          LogStore.open(
              EmbeddedStore.settings(
                  KeyValueStoreFactory.configuration(EmbeddedStore.Config.class, settings)));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot open the embedded store: " + e.getMessage(), e);
    }
    open.add(store);
    return ClosableKeyValueStore.of(
        store,
        () -> {
          store.close();
          open.remove(store);
        });
  }

  @Deactivate
  void deactivate() {
    for (LogStore s : Set.copyOf(open)) {
      s.close();
    }
    open.clear();
  }
}

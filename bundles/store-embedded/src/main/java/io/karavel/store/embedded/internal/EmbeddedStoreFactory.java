package io.karavel.store.embedded.internal;

import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.KeyValueStoreFactory;
import io.karavel.store.spi.StoreUnavailableException;
import java.io.IOException;
import java.lang.reflect.Proxy;
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
      store = LogStore.open(EmbeddedStore.settings(config(settings)));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot open the embedded store: " + e.getMessage(), e);
    }
    open.add(store);
    return new Opened(store, () -> open.remove(store));
  }

  /** A store handed out by the factory: closing it also forgets it there. */
  private static final class Opened extends ForwardingKeyValueStore
      implements ClosableKeyValueStore {
    private final LogStore store;
    private final Runnable onClose;

    Opened(LogStore store, Runnable onClose) {
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

  @Deactivate
  void deactivate() {
    for (LogStore s : Set.copyOf(open)) {
      s.close();
    }
    open.clear();
  }

  static EmbeddedStore.Config config(Map<String, ?> values) {
    return (EmbeddedStore.Config)
        Proxy.newProxyInstance(
            EmbeddedStore.Config.class.getClassLoader(),
            new Class<?>[] {EmbeddedStore.Config.class},
            (proxy, method, args) -> {
              Object v = values.get(method.getName());
              if (v == null || String.valueOf(v).isBlank()) {
                return method.getDefaultValue();
              }
              String text = String.valueOf(v).trim();
              Class<?> type = method.getReturnType();
              if (type == long.class) {
                return Long.parseLong(text);
              }
              if (type == int.class) {
                return Integer.parseInt(text);
              }
              if (type == boolean.class) {
                return Boolean.parseBoolean(text);
              }
              return text;
            });
  }
}

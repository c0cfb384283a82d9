package io.karavel.store.etcd.internal;

import io.karavel.store.spi.KeyValueStoreFactory;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Opens etcd stores from explicit settings (the keys of PID {@code io.karavel.store.etcd}), for
 * tools such as {@code kube:store-migrate}; independent of which backend the API server uses.
 * Stores still open when the bundle stops are closed.
 */
@Component(service = KeyValueStoreFactory.class, property = "karavel.store=etcd")
public final class EtcdStoreFactory implements KeyValueStoreFactory {
  private final Set<JetcdStore> open = ConcurrentHashMap.newKeySet();

  @Override
  public ClosableKeyValueStore open(Map<String, ?> settings) {
    JetcdStore store = JetcdStore.open(EtcdStore.settings(config(settings)));
    open.add(store);
    return new ForwardingClosable(store, () -> open.remove(store));
  }

  @Deactivate
  void deactivate() {
    for (JetcdStore s : Set.copyOf(open)) {
      s.close();
    }
    open.clear();
  }

  /** The configuration interface over a map of strings or numbers, defaults for missing keys. */
  static EtcdStore.Config config(Map<String, ?> values) {
    return (EtcdStore.Config)
        Proxy.newProxyInstance(
            EtcdStore.Config.class.getClassLoader(),
            new Class<?>[] {EtcdStore.Config.class},
            (proxy, method, args) -> {
              Object v = values.get(method.getName());
              if (v == null || String.valueOf(v).isBlank()) {
                return method.getDefaultValue();
              }
              Class<?> type = method.getReturnType();
              String text = String.valueOf(v).trim();
              try {
                if (type == long.class) {
                  return Long.parseLong(text);
                }
                if (type == int.class) {
                  return Integer.parseInt(text);
                }
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    method.getName() + " must be a number, not '" + text + "'", e);
              }
              return text;
            });
  }
}

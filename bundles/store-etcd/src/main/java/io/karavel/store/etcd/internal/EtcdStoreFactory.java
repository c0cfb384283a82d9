package io.karavel.store.etcd.internal;

import io.karavel.store.spi.KeyValueStoreFactory;
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
    JetcdStore store =
        JetcdStore.open(
            EtcdStore.settings(
                KeyValueStoreFactory.configuration(EtcdStore.Config.class, settings)));
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
    for (JetcdStore s : Set.copyOf(open)) {
      s.close();
    }
    open.clear();
  }
}

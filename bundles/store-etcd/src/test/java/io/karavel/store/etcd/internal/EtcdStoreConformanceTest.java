package io.karavel.store.etcd.internal;

import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.conformance.KeyValueStoreConformanceTest;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The etcd store against the shared contract, on a real etcd started for this class.
 *
 * <p>etcd's revision belongs to the whole cluster, so "a new, empty store" is a fresh key prefix on
 * the one cluster: empty, but at whatever revision the earlier tests left. Only {@code
 * anEmptyStoreStartsAtRevisionOne} needs the cluster itself to be new; it runs first.
 */
@TestMethodOrder(EtcdStoreConformanceTest.FreshClusterFirst.class)
class EtcdStoreConformanceTest extends KeyValueStoreConformanceTest {
  private static final AtomicInteger STORES = new AtomicInteger();
  @RegisterExtension static final EtcdPerClass etcd = new EtcdPerClass();

  @Override
  protected KeyValueStore newStore() {
    return JetcdStore.open(
        EtcdSettings.plain(etcd.clientUrl(), "/conformance-" + STORES.incrementAndGet()));
  }

  /** Runs the one test that needs a new cluster before any other writes to it. */
  static final class FreshClusterFirst implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
      context
          .getMethodDescriptors()
          .sort(
              Comparator.comparing(
                      (org.junit.jupiter.api.MethodDescriptor d) ->
                          !d.getMethod().getName().equals("anEmptyStoreStartsAtRevisionOne"))
                  .thenComparing(d -> d.getMethod().getName()));
    }
  }
}

package io.karavel.store.spi;

import java.util.Map;

/**
 * Opens stores of one kind from explicit settings, independently of the {@link KeyValueStore}
 * service the API server uses: for tools such as a migration from one backend to another.
 * Registered with the service property {@code karavel.store} naming the kind ({@code etcd}).
 */
public interface KeyValueStoreFactory {

  /**
   * Opens a new store; the caller closes it.
   *
   * @param settings the keys of the kind's configuration PID (for etcd: {@code endpoints}, {@code
   *     caFile}, {@code keyPrefix}, ...); missing keys take their documented defaults
   * @throws IllegalArgumentException if a setting is malformed
   * @throws StoreUnavailableException if the store cannot be reached
   */
  ClosableKeyValueStore open(Map<String, ?> settings);

  /** A store opened by a factory, owned by the caller. */
  interface ClosableKeyValueStore extends KeyValueStore, AutoCloseable {
    /** Ends every watch and releases connections and threads; idempotent. */
    @Override
    void close();
  }
}

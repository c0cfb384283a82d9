package io.karavel.store.spi;

import java.lang.reflect.Proxy;
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

  /**
   * The typed configuration (a DS configuration annotation type) of a store from {@code settings},
   * for implementations of {@link #open}: values may be strings or numbers; missing or blank keys
   * take the annotation's defaults.
   *
   * @throws IllegalArgumentException when a number or boolean does not parse
   */
  static <T> T configuration(Class<T> annotationType, Map<String, ?> settings) {
    return annotationType.cast(
        Proxy.newProxyInstance(
            annotationType.getClassLoader(),
            new Class<?>[] {annotationType},
            (proxy, method, args) -> {
              Object v = settings.get(method.getName());
              if (v == null || String.valueOf(v).isBlank()) {
                return method.getDefaultValue();
              }
              String text = String.valueOf(v).trim();
              Class<?> type = method.getReturnType();
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
              if (type == boolean.class) {
                return Boolean.parseBoolean(text);
              }
              return text;
            }));
  }

  /** A store opened by a factory, owned by the caller. */
  interface ClosableKeyValueStore extends KeyValueStore, AutoCloseable {
    /** Ends every watch and releases connections and threads; idempotent. */
    @Override
    void close();

    /** {@code store} as a closable store whose {@link #close()} runs {@code close}. */
    static ClosableKeyValueStore of(KeyValueStore store, Runnable close) {
      final class Closable extends ForwardingKeyValueStore implements ClosableKeyValueStore {
        @Override
        protected KeyValueStore delegate() {
          return store;
        }

        @Override
        public void close() {
          close.run();
        }
      }
      return new Closable();
    }
  }
}

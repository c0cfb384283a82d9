package io.karavel.store.spi;

/**
 * The store backend chosen by configuration (PID {@code io.karavel.store}, key {@code backend}),
 * registered as a service whose property {@value #PROPERTY} names it. Each store component
 * references this service with the target {@code (backend=<its name>)}, so that exactly one store
 * runs: changing the key deactivates the old store and activates the new one, live.
 *
 * <p>A marker: the service property carries the choice, the interface carries nothing else.
 */
public interface StoreBackend {
  /** The service property holding the backend's name, {@code embedded} or {@code etcd}. */
  String PROPERTY = "backend";

  /** The name of the embedded store backend. */
  String EMBEDDED = "embedded";

  /** The name of the etcd store backend. */
  String ETCD = "etcd";

  /** The chosen backend's name, the value of {@link #PROPERTY}. */
  String name();
}

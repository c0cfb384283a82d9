/**
 * The storage SPI: a revisioned key-value store with etcd's semantics.
 *
 * <p>Every write advances one global revision. Values are opaque bytes; the API server stores
 * objects under {@code /registry/<resource>/<namespace>/<name>}. Implementations are registered as
 * {@link io.karavel.store.spi.KeyValueStore} services; the API server is their only client.
 */
@Export
@Version("1.2.0")
package io.karavel.store.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

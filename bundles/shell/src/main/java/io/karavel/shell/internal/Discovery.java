package io.karavel.shell.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Discovery results shared by the commands and completers of this bundle. Kept briefly (API group
 * bundles come and go at run time) and dropped when a type cannot be resolved, as kubectl
 * invalidates its discovery cache.
 */
final class Discovery {
  private static final long TTL_NANOS = 30_000_000_000L;

  private record Cached(KubernetesClient client, ResourceResolver resolver, long fetchedAt) {}

  private static final AtomicReference<Cached> CACHE = new AtomicReference<>();

  private Discovery() {}

  static ResourceResolver resolver(KubernetesClient client) {
    Cached cached = CACHE.get();
    if (cached != null
        && cached.client() == client
        && System.nanoTime() - cached.fetchedAt() < TTL_NANOS) {
      return cached.resolver();
    }
    ResourceResolver resolver =
        ResourceResolver.fromDiscovery(
            client.getApiResources("v1"),
            client.getApiGroups(),
            groupVersion -> {
              try {
                return client.getApiResources(groupVersion);
              } catch (KubernetesClientException e) {
                // A group whose bundle is going away: kubectl too goes on with the others.
                return null;
              }
            });
    CACHE.set(new Cached(client, resolver, System.nanoTime()));
    return resolver;
  }

  static void invalidate() {
    CACHE.set(null);
  }

  /** Resolves {@code type}, fetching discovery again once if the cached copy does not know it. */
  static ApiResource resolve(KubernetesClient client, String type) {
    try {
      return resolver(client).resolve(type);
    } catch (UnknownResourceTypeException e) {
      invalidate();
      return resolver(client).resolve(type);
    }
  }
}

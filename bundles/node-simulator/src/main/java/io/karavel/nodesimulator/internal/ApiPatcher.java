package io.karavel.nodesimulator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The simulator's steady writes (Lease renewals, node and pod status) as asynchronous JSON merge
 * patches straight to the resource's path, through the client's own HTTP client and credentials:
 * one request per write (fabric8's typed {@code patch} reads the object first) and no thread held
 * while the server answers. At most {@code maxInFlight} requests are outstanding; callers wait
 * beyond that, so a slow server slows the simulator down instead of piling requests up.
 */
final class ApiPatcher {
  private final KubernetesClient client;
  private final String base;
  private final Semaphore slots;

  ApiPatcher(KubernetesClient client, int maxInFlight) {
    this.client = client;
    this.base = client.getMasterUrl().toString().replaceAll("/$", "");
    this.slots = new Semaphore(Math.max(1, maxInFlight));
  }

  /** Sends the patch; the future completes with the HTTP status code, -1 if none came back. */
  CompletableFuture<Integer> mergePatch(String path, String json) {
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base + path)
            .method("PATCH", "application/merge-patch+json", json)
            .build();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(-1);
    }
    return client
        .getHttpClient()
        .sendAsync(request, String.class)
        .handle(
            (HttpResponse<String> r, Throwable t) -> {
              slots.release();
              return t != null ? -1 : r.code();
            })
        .toCompletableFuture();
  }

  static String leasePath(String node) {
    return "/apis/coordination.k8s.io/v1/namespaces/"
        + SimulatedObjects.LEASE_NAMESPACE
        + "/leases/"
        + node;
  }

  static String nodeStatusPath(String node) {
    return "/api/v1/nodes/" + node + "/status";
  }

  static String podStatusPath(String namespace, String name) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + name + "/status";
  }
}

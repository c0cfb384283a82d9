package io.karavel.nodesimulator.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.AsyncWriter;
import java.util.concurrent.CompletableFuture;

/**
 * The simulator's steady writes (Lease renewals, node and pod status) as asynchronous JSON merge
 * patches straight to the resource's path, through the client library's bounded {@link
 * AsyncWriter}: one request per write, no thread held while the server answers, and at most {@code
 * maxInFlight} outstanding, so a slow server slows the simulator down.
 */
final class ApiPatcher {
  private final AsyncWriter writer;

  ApiPatcher(KubernetesClient client, int maxInFlight) {
    this.writer = new AsyncWriter(client, maxInFlight);
  }

  /** Sends the patch; the future completes with the HTTP status code, -1 if none came back. */
  CompletableFuture<Integer> mergePatch(String path, String json) {
    return writer.send("PATCH", path, "application/merge-patch+json", json);
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

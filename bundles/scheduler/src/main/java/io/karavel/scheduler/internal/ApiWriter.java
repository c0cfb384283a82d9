package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.AsyncWriter;
import java.util.concurrent.CompletableFuture;

/**
 * Best-effort asynchronous writes the scheduler makes besides binding: events and the {@code
 * PodScheduled} condition, through the client library's bounded {@link AsyncWriter}.
 */
final class ApiWriter {
  private final KubernetesClient client;
  private final AsyncWriter writer;

  ApiWriter(KubernetesClient client, int maxInFlight) {
    this.client = client;
    this.writer = new AsyncWriter(client, maxInFlight);
  }

  CompletableFuture<Integer> post(String path, Object body) {
    return writer.send(
        "POST", path, "application/json", client.getKubernetesSerialization().asJson(body));
  }

  CompletableFuture<Integer> strategicPatch(String path, String json) {
    return writer.send("PATCH", path, "application/strategic-merge-patch+json", json);
  }
}

package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort asynchronous writes the scheduler makes besides binding: events and the {@code
 * PodScheduled} condition. At most {@code maxInFlight} requests are outstanding; callers block
 * beyond that (back pressure instead of unbounded memory).
 */
final class ApiWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiWriter.class);

  private final KubernetesClient client;
  private final String base;
  private final Semaphore slots;
  private final AtomicLong failures = new AtomicLong();

  ApiWriter(KubernetesClient client, int maxInFlight) {
    this.client = client;
    this.base = client.getMasterUrl().toString().replaceAll("/$", "");
    this.slots = new Semaphore(maxInFlight);
  }

  CompletableFuture<Integer> post(String path, Object body) {
    return send(
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base + path)
            .post("application/json", client.getKubernetesSerialization().asJson(body))
            .build());
  }

  CompletableFuture<Integer> strategicPatch(String path, String json) {
    return send(
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base + path)
            .method("PATCH", "application/strategic-merge-patch+json", json)
            .build());
  }

  private CompletableFuture<Integer> send(HttpRequest request) {
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
              if (t != null || !r.isSuccessful()) {
                failures.incrementAndGet();
                LOG.debug(
                    "{} {} failed: {}",
                    request.method(),
                    request.uri(),
                    t != null ? t.toString() : r.code() + " " + r.body());
                return t != null ? -1 : r.code();
              }
              return r.code();
            })
        .toCompletableFuture();
  }

  long failures() {
    return failures.get();
  }
}

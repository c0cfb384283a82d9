package io.karavel.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fire-and-forget writes (events, status patches, Lease renewals) sent straight to a resource path
 * through a client's own HTTP client and credentials: one request per write (fabric8's typed {@code
 * patch} reads the object first) and no thread held while the server answers. At most {@code
 * maxInFlight} requests are outstanding; callers block beyond that, so a slow server slows the
 * writer down instead of piling requests up in memory.
 */
public final class AsyncWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncWriter.class);

  private final KubernetesClient client;
  private final String base;
  private final Semaphore slots;
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param client the client whose server, credentials and HTTP client the writes use
   * @param maxInFlight the most requests outstanding at once (at least 1)
   */
  public AsyncWriter(KubernetesClient client, int maxInFlight) {
    this.client = client;
    this.base = client.getMasterUrl().toString().replaceAll("/$", "");
    this.slots = new Semaphore(Math.max(1, maxInFlight));
  }

  /**
   * Sends {@code body} with {@code method} to {@code path} (below the server's URL, starting with
   * {@code /}). The future completes with the HTTP status code, or -1 if no answer came back; a
   * status outside 2xx counts in {@link #failures()}.
   */
  public CompletableFuture<Integer> send(
      String method, String path, String contentType, String body) {
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base + path)
            .method(method, contentType, body)
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
              if (t != null || !r.isSuccessful()) {
                failures.incrementAndGet();
                LOG.debug(
                    "{} {} failed: {}",
                    method,
                    path,
                    t != null ? t.toString() : r.code() + " " + r.body());
                return t != null ? -1 : r.code();
              }
              return r.code();
            })
        .toCompletableFuture();
  }

  /** Writes that got no answer or a status outside 2xx so far. */
  public long failures() {
    return failures.get();
  }
}

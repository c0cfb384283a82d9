package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Raw requests through the fabric8 client's own HTTP client (its TLS setup and credentials), for
 * what fabric8's typed calls do not offer: Table responses, status codes, exact patch types and
 * watch streams of Tables.
 */
final class KubeApi {
  /** What kubectl get sends: server-side Tables, falling back to plain JSON. */
  static final String TABLE_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  static final String JSON = "application/json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private static final long REQUEST_TIMEOUT_SECONDS = 60;

  /** Status and body of a completed request. */
  record Response(int code, String body) {
    boolean ok() {
      return code >= 200 && code < 300;
    }

    JsonNode json() {
      if (!ok()) {
        throw ApiException.of(code, body);
      }
      return Json.parse(body);
    }
  }

  private final HttpClient http;
  private final String base;

  KubeApi(KubernetesClient client) {
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.base = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
  }

  Response get(String pathAndQuery, String accept) throws InterruptedException {
    return send("GET", pathAndQuery, accept, null, null);
  }

  /** GET that must succeed, as a JSON tree. */
  JsonNode getJson(String pathAndQuery, String accept) throws InterruptedException {
    return get(pathAndQuery, accept).json();
  }

  Response send(String method, String pathAndQuery, String accept, String contentType, String body)
      throws InterruptedException {
    HttpRequest.Builder request =
        http.newHttpRequestBuilder()
            .uri(base + pathAndQuery)
            .setHeader("Accept", accept == null ? JSON : accept)
            .timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (body != null) {
      request.method(method, contentType, body);
    } else if (!"GET".equals(method)) {
      request.method(method, contentType == null ? JSON : contentType, "");
    }
    CompletableFuture<HttpResponse<String>> future = http.sendAsync(request.build(), String.class);
    try {
      HttpResponse<String> response = future.get(REQUEST_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
      return new Response(response.code(), response.body());
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot reach the API server at " + base + ": " + rootMessage(e.getCause()),
          e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("the API server at " + base + " did not answer in time", e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  /**
   * Opens a watch. Events are read on a thread of their own, so the caller's wait is interruptible
   * (Ctrl-C in the shell interrupts the command thread).
   */
  WatchStream watch(String pathAndQuery, String accept) throws InterruptedException {
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(base + pathAndQuery)
            .setHeader("Accept", accept)
            .forStreaming()
            .build();
    CompletableFuture<HttpResponse<InputStream>> future =
        http.sendAsync(request, InputStream.class);
    HttpResponse<InputStream> response;
    try {
      response = future.get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException("cannot watch " + pathAndQuery + ": " + e.getMessage(), e);
    }
    if (response.code() < 200 || response.code() >= 300) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
      throw ApiException.of(response.code(), body);
    }
    return new WatchStream(response.body());
  }

  /** The events of one watch; {@link #next} returns null once the server closed the stream. */
  static final class WatchStream implements AutoCloseable {
    private static final JsonNode END = Json.object();

    private final InputStream in;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    WatchStream(InputStream in) {
      this.in = in;
      Thread reader = new Thread(this::read, "kube-watch-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(in)) {
        while (!closed && it.hasNextValue()) {
          events.add(it.nextValue());
        }
      } catch (IOException | RuntimeException e) {
        // The stream broke or was closed: the watch ends.
      } finally {
        events.add(END);
      }
    }

    /** The next event ({@code {"type":..,"object":..}}), or null when the watch ended. */
    JsonNode next() throws InterruptedException {
      JsonNode event = events.take();
      if (event == END) {
        events.add(END);
        return null;
      }
      return event;
    }

    @Override
    public void close() {
      closed = true;
      try {
        in.close();
      } catch (IOException e) {
        // Already gone.
      }
    }
  }
}

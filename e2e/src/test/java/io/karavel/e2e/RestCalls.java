package io.karavel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Plain HTTPS calls to one API server as the admin, for tests that count every answer. */
final class RestCalls {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: its status and body (a JSON object, or null when the body is not JSON). */
  record Answer(int status, JsonNode body) {}

  private final HttpClient http;
  private final String url;

  RestCalls(KaravelCluster cluster) throws Exception {
    this(cluster, cluster.adminTls());
  }

  /** Calls to {@code cluster} with the client certificate and trust of {@code tls}. */
  RestCalls(KaravelCluster cluster, javax.net.ssl.SSLContext tls) {
    this(cluster, tls, HttpClient.Version.HTTP_1_1);
  }

  /**
   * Calls over {@code version}: HTTP/1.1 opens one connection per concurrent caller, HTTP/2
   * multiplexes every caller's requests as streams of one connection (as kubectl and client-go).
   */
  RestCalls(KaravelCluster cluster, javax.net.ssl.SSLContext tls, HttpClient.Version version) {
    this.url = cluster.url();
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(version)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  Answer post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  Answer put(String path, JsonNode body) throws IOException, InterruptedException {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /**
   * Streams a watch ({@code path} must carry {@code watch=1}), handing each event to {@code events}
   * until the server ends it or the thread is interrupted.
   */
  void watch(String path, Consumer<JsonNode> events) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IOException("watch " + path + ": " + r.statusCode());
    }
    try (Stream<String> lines = r.body()) {
      lines
          .filter(l -> !l.isBlank())
          .forEach(
              l -> {
                try {
                  events.accept(JSON.readTree(l));
                } catch (IOException e) {
                  throw new IllegalStateException("not an event: " + l, e);
                }
              });
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    return new Answer(r.statusCode(), body);
  }
}

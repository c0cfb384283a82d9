package io.karavel.itests;

import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.karavel.pki.Kubeconfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A plain HTTPS client for the API server, authenticated as the administrator with the client
 * certificate of the admin kubeconfig. It speaks raw HTTP (JDK client, HTTP/2 by ALPN) so tests see
 * exactly what the server sends, status codes and watch frames included. Runs inside the container.
 */
final class AdminApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The Accept header of aggregated discovery, as kubectl 1.30+ sends it. */
  static final String AGGREGATED_DISCOVERY =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;

  AdminApiClient(URI base, SSLContext sslContext) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A client for {@code base} (e.g. {@code https://127.0.0.1:6443}) with a kubeconfig's TLS. */
  static AdminApiClient fromKubeconfig(Path kubeconfig, URI base) throws IOException {
    return new AdminApiClient(base, Kubeconfig.read(kubeconfig).sslContext());
  }

  ApiResponse get(String path) throws IOException {
    return get(path, "application/json");
  }

  ApiResponse get(String path, String accept) throws IOException {
    return send(request(path).header("Accept", accept).GET().build());
  }

  ApiResponse post(String path, JsonNode body) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build());
  }

  /** A JSON merge patch (RFC 7386), the patch type every resource accepts. */
  ApiResponse mergePatch(String path, JsonNode patch) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(patch)))
            .build());
  }

  ApiResponse delete(String path) throws IOException {
    return send(request(path).DELETE().build());
  }

  /**
   * Opens a watch ({@code path} must carry {@code watch=true}) and starts reading its frames. Fails
   * unless the server answers 200.
   */
  WatchConnection watch(String path) throws IOException {
    HttpRequest request = request(path).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      fail("Watch " + path + " answered " + response.statusCode() + ": " + body);
    }
    return WatchConnection.start(path, response);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
  }

  private ApiResponse send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(
          request.method() + " " + request.uri().getRawPath(),
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** One answer of the server. */
  record ApiResponse(String request, int status, String contentType, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError(request + " did not answer JSON: " + body, e);
      }
    }

    /** Asserts the status code and returns this response. */
    ApiResponse expect(int expected) {
      if (status != expected) {
        fail(request + ": expected " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }
}

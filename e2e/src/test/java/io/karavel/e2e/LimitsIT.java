package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server's guards against hostile or oversized input, over real TLS against the
 * distribution: the body limit (413), YAML alias bombs and deep nesting (400, fast), values of the
 * wrong type (400), and the in-flight limit (429 with Retry-After, not a failure). Each refused
 * request leaves nothing stored and the server serving.
 */
class LimitsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static final int MUTATING_SLOTS = 2;

  private static KaravelCluster cluster;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    cluster = KaravelCluster.start(Map.of("maxMutatingInFlight", "" + MUTATING_SLOTS));
    http =
        HttpClient.newBuilder()
            .sslContext(cluster.adminTls())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bodiesOverThreeMebibytesGet413AndNothingIsStored() throws Exception {
    HttpResponse<String> big = post(configMapJson("too-big", 4 * 1024 * 1024), "application/json");
    assertStatus(big, 413, "RequestEntityTooLarge");
    assertThat(get("too-big").statusCode()).isEqualTo(404);

    HttpResponse<String> fine = post(configMapJson("one-mib", 1024 * 1024), "application/json");
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
    assertThat(MAPPER.readTree(get("one-mib").body()).at("/data/payload").textValue())
        .hasSize(1024 * 1024);
  }

  @Test
  void aYamlAliasBombIsRefusedInUnderASecond() throws Exception {
    StringBuilder bomb =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n");
    bomb.append(
        "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append("  ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      bomb.append("]\n");
      prev = c;
    }
    HttpResponse<String> r = post(bomb.toString(), "application/yaml");
    long millis = lastAttemptMillis;
    assertStatus(r, 400, "BadRequest");
    assertThat(millis).as("time to refuse the bomb, ms").isLessThan(1000);
    assertThat(get("bomb").statusCode()).isEqualTo(404);

    // Few aliases, each doubling: 2^22 nodes if expanded. Refused just as fast.
    StringBuilder doubling =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: doubling}\n");
    doubling.append("l0: &l0 [x, y]\n");
    for (int i = 1; i <= 22; i++) {
      doubling.append("l").append(i).append(": &l").append(i);
      doubling.append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    }
    r = post(doubling.toString(), "application/yaml");
    millis = lastAttemptMillis;
    assertStatus(r, 400, "BadRequest");
    assertThat(r.body()).contains("excessive aliasing");
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void yamlAliasesWithinLimitsAreExpandedNotMangled() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aliased
          labels: &labels {app: web}
          annotations: *labels
        data:
          greeting: &hello hello
          again: *hello
        """;
    HttpResponse<String> r = post(yaml, "application/yaml");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode stored = MAPPER.readTree(get("aliased").body());
    assertThat(stored.at("/data/again").textValue()).isEqualTo("hello");
    assertThat(stored.at("/metadata/annotations/app").textValue()).isEqualTo("web");
  }

  @Test
  void deepNestingIsRefusedFastInJsonAndYaml() throws Exception {
    int depth = 10_000;
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"deep\"},\"x\":"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}";
    HttpResponse<String> r = post(json, "application/json");
    long millis = lastAttemptMillis;
    assertStatus(r, 400, "BadRequest");
    assertThat(r.body()).contains("nesting depth");
    String yaml = "metadata: {name: deep}\nx: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    assertStatus(post(yaml, "application/yaml"), 400, "BadRequest");
    assertThat(millis + lastAttemptMillis).isLessThan(2000);
    assertThat(get("deep").statusCode()).isEqualTo(404);
  }

  @Test
  void aValueOfTheWrongTypeIsA400WhateverTheFieldValidation() throws Exception {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"typed\"},"
            + "\"data\":{\"k\":[\"not\",\"a\",\"string\"]}}";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(cluster.url() + CONFIGMAPS + "?fieldValidation=Ignore"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertStatus(r, 400, "BadRequest");
    assertThat(MAPPER.readTree(r.body()).path("message").textValue())
        .isEqualTo(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal"
                + " array into Go struct field ConfigMap.data of type string");
    assertThat(get("typed").statusCode()).isEqualTo(404);
  }

  @Test
  void aFullMutatingLimitAnswers429WithRetryAfterWhileReadsGoOn() throws Exception {
    // Hold every mutating slot: POSTs whose bodies are still arriving.
    String body = configMapJson("held-0", 16);
    List<SSLSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < MUTATING_SLOTS; i++) {
        String b = body.replace("held-0", "held-" + i);
        SSLSocket s =
            (SSLSocket)
                cluster.adminTls().getSocketFactory().createSocket("127.0.0.1", cluster.port());
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST "
                    + CONFIGMAPS
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + b.length()
                    + "\r\n\r\n"
                    + b.substring(0, 10))
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        held.add(s);
      }

      // The held requests take their slots once the server has read their headers; on a loaded
      // machine that can take a while, so wait for the gauge rather than for a guess of time.
      String heldGauge =
          "apiserver_current_inflight_requests{request_kind=\"mutating\"} " + MUTATING_SLOTS;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!metrics().contains(heldGauge) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(metrics()).as("both mutating slots held").contains(heldGauge);
      HttpResponse<String> refused =
          sendOnce(
              HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(configMapJson("third", 16))));
      assertStatus(refused, 429, "TooManyRequests");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      // A refused request with a large body is answered too: the JDK's HTTP/2 client reads the
      // answer only once the whole body is sent, so the server reads and drops it.
      HttpResponse<String> refusedBig =
          sendOnce(
              HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          configMapJson("refused-big", 2 * 1024 * 1024))));
      assertStatus(refusedBig, 429, "TooManyRequests");
      // Reads have their own limit and are still served.
      assertThat(
              send(HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS)).GET())
                  .statusCode())
          .isEqualTo(200);

      // The held requests complete normally once their bodies arrive.
      for (int i = 0; i < held.size(); i++) {
        String b = body.replace("held-0", "held-" + i);
        SSLSocket s = held.get(i);
        s.getOutputStream().write(b.substring(10).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String status =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(status).isEqualTo("HTTP/1.1 201 Created");
      }
    } finally {
      for (SSLSocket s : held) {
        s.close();
      }
    }
    assertThat(post(configMapJson("after-limit", 16), "application/json").statusCode())
        .isEqualTo(201);
  }

  private static void assertStatus(HttpResponse<String> r, int code, String reason)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
    JsonNode status = MAPPER.readTree(r.body());
    assertThat(status.path("kind").textValue()).isEqualTo("Status");
    assertThat(status.path("code").asInt()).isEqualTo(code);
    assertThat(status.path("reason").textValue()).isEqualTo(reason);
  }

  private static String configMapJson(String name, int payloadBytes) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"data\":{\"payload\":\""
        + "x".repeat(payloadBytes)
        + "\"}}";
  }

  private static HttpResponse<String> post(String body, String contentType) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String metrics() throws Exception {
    return send(HttpRequest.newBuilder(URI.create(cluster.url() + "/metrics")).GET()).body();
  }

  private static HttpResponse<String> get(String name) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(cluster.url() + CONFIGMAPS + "/" + name)).GET());
  }

  /**
   * Sends as client-go does: a 429 is retried after its Retry-After, up to 10 times. The limit of
   * this cluster is 2 mutating requests, and the in-process components' own writes (leases, for
   * one) can hold both for a moment.
   */
  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = sendOnce(request);
    for (int i = 0; i < 10 && r.statusCode() == 429; i++) {
      Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
      r = sendOnce(request);
    }
    return r;
  }

  /** How long the last request sent took to be answered, in ms (a retried one: its last try). */
  private static long lastAttemptMillis;

  private static HttpResponse<String> sendOnce(HttpRequest.Builder request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    lastAttemptMillis = (System.nanoTime() - start) / 1_000_000;
    return r;
  }
}

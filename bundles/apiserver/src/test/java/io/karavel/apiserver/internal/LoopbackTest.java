package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.auth.Authenticator;
import io.karavel.apiserver.spi.auth.AuthorizationDecision;
import io.karavel.apiserver.spi.auth.Authorizer;
import io.karavel.apiserver.spi.auth.UserInfo;
import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback transport through the real handler chain, without a network. */
class LoopbackTest {

  @TempDir static Path dir;
  @TempDir static Path other;

  private static ClusterPki pki;
  private static ClusterPki foreign;
  private static ScheduledExecutorService timers;

  private final List<List<X509Certificate>> presented = new CopyOnWriteArrayList<>();
  private final Metrics metrics = new Metrics();

  @BeforeAll
  static void pki() throws Exception {
    pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    foreign = ClusterPki.loadOrCreate(other, PkiOptions.defaults());
    timers = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    timers.shutdownNow();
  }

  /** A handler whose authenticator records the chain it is shown and names its leaf's CN. */
  private Loopback loopback(int port) {
    Authenticator recording =
        request -> {
          presented.add(request.clientCertificates());
          if (request.clientCertificates().isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(new UserInfo("cert-user", "", List.of("system:masters"), Map.of()));
        };
    Authorizer all = attributes -> AuthorizationDecision.allow("test");
    ResourceRegistry registry = new ResourceRegistry();
    ApiHandler handler =
        new ApiHandler(
            new ApiHandler.Context() {
              @Override
              public ResourceRegistry.Snapshot registry() {
                return registry.snapshot();
              }

              @Override
              public List<Authenticator> authenticators() {
                return List.of(recording);
              }

              @Override
              public Authorizer authorizer() {
                return all;
              }

              @Override
              public RestHandler rest() {
                throw new AssertionError("no resources here");
              }

              @Override
              public WatchHandler watches() {
                throw new AssertionError("no resources here");
              }

              @Override
              public Health health() {
                return new Health(() -> true, () -> true, () -> true);
              }

              @Override
              public Metrics metrics() {
                return metrics;
              }

              @Override
              public OpenApi openApi() {
                throw new AssertionError("no OpenAPI here");
              }

              @Override
              public String serviceAccountJwks() {
                return "{}";
              }

              @Override
              public String serverAddress() {
                return "127.0.0.1:" + port;
              }
            },
            10,
            10,
            1 << 20,
            timers,
            Duration.ofSeconds(60));
    return new Loopback(handler, metrics, port, Set.of("10.1.2.3"), pki.servingTls().trustStore());
  }

  /** Collects one answer. */
  static final class Answer implements LoopbackResponse {
    int status;
    Map<String, List<String>> headers;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<String> calls = new ArrayList<>();
    Throwable failure;
    Thread thread;

    @Override
    public void head(int status, Map<String, List<String>> headers) {
      calls.add("head");
      thread = Thread.currentThread();
      this.status = status;
      this.headers = headers;
    }

    @Override
    public boolean body(ByteBuffer piece) {
      calls.add("body");
      byte[] b = new byte[piece.remaining()];
      piece.get(b);
      body.writeBytes(b);
      return true;
    }

    @Override
    public void end() {
      calls.add("end");
    }

    @Override
    public void fail(Throwable cause) {
      calls.add("fail");
      failure = cause;
    }

    @Override
    public void onCancel(Runnable cancel) {
      calls.add("onCancel");
    }

    JsonNode json() {
      return Json.parseObject(body.toByteArray());
    }
  }

  private static LoopbackRequest get(String pathAndQuery, List<X509Certificate> chain) {
    return new LoopbackRequest("GET", pathAndQuery, Map.of(), new byte[0], chain);
  }

  @Test
  void aPublicPathIsAnsweredOnTheCallingThreadThroughTheHandlerChain() {
    Loopback loopback = loopback(6443);
    Answer answer = new Answer();
    loopback.serve(get("/version", List.of()), answer);
    assertThat(answer.calls).containsExactly("head", "body", "end");
    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.headers.get("Content-Type")).containsExactly("application/json");
    assertThat(answer.json().path("minor").asText()).isEqualTo("32");
    assertThat(answer.thread).isSameAs(Thread.currentThread());
    assertThat(metrics.render())
        .contains("apiserver_request_total{verb=\"GET\",group=\"\",resource=\"\",code=\"200\"} 1")
        .contains("karavel_apiserver_loopback_requests_total 1");
  }

  @Test
  void aChainTheClusterCaSignedReachesTheAuthenticatorsAndAForeignOneDoesNot() {
    Loopback loopback = loopback(6443);
    Answer ours = new Answer();
    loopback.serve(get("/apis", List.of(pki.admin().certificate())), ours);
    assertThat(ours.status).isEqualTo(200);
    assertThat(presented.get(0)).containsExactly(pki.admin().certificate());

    Answer theirs = new Answer();
    loopback.serve(get("/apis", List.of(foreign.admin().certificate())), theirs);
    assertThat(presented.get(1)).isEmpty();
    assertThat(theirs.status).isEqualTo(401);
    assertThat(theirs.json().path("kind").asText()).isEqualTo("Status");
    assertThat(theirs.json().path("reason").asText()).isEqualTo("Unauthorized");

    // A serving certificate of the right CA is not a client certificate either.
    Answer serving = new Answer();
    loopback.serve(get("/apis", List.of(pki.serving().certificate())), serving);
    assertThat(presented.get(2)).isEmpty();
    assertThat(serving.status).isEqualTo(401);
  }

  @Test
  void queryParametersAreDecodedAndABadQueryIsA400Status() {
    Loopback loopback = loopback(6443);
    Answer bad = new Answer();
    loopback.serve(get("/version?x=%zz", List.of()), bad);
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.json().path("reason").asText()).isEqualTo("BadRequest");
    assertThat(bad.calls).containsExactly("head", "body", "end");

    Answer timeout = new Answer();
    loopback.serve(get("/version?timeout=nonsense", List.of()), timeout);
    assertThat(timeout.status).isEqualTo(400);
    assertThat(timeout.json().path("message").asText()).contains("timeout");
  }

  @Test
  void itServesOnlyItsOwnUrl() {
    Loopback loopback = loopback(6443);
    assertThat(loopback.serves(URI.create("https://127.0.0.1:6443"))).isTrue();
    assertThat(loopback.serves(URI.create("https://localhost:6443/"))).isTrue();
    assertThat(loopback.serves(URI.create("https://[::1]:6443"))).isTrue();
    assertThat(loopback.serves(URI.create("https://10.1.2.3:6443"))).isTrue();
    assertThat(loopback.serves(URI.create("https://127.0.0.1:6444"))).isFalse();
    assertThat(loopback.serves(URI.create("http://127.0.0.1:6443"))).isFalse();
    assertThat(loopback.serves(URI.create("https://10.9.9.9:6443"))).isFalse();
  }

  @Test
  void aStoppedServerFailsRequestsInsteadOfAnsweringThem() {
    Loopback loopback = loopback(6443);
    loopback.close();
    Answer answer = new Answer();
    loopback.serve(get("/version", List.of()), answer);
    assertThat(answer.calls).containsExactly("fail");
  }
}

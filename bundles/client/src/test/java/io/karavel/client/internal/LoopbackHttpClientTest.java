package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.client.internal.fake.FakeLoopbackApiServer;
import io.karavel.client.internal.fake.FakeLoopbackApiServer.Call;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loopback transport below fabric8's DSL: threading, flow control, timeouts and close. */
class LoopbackHttpClientTest {
  private static final String URL = "https://127.0.0.1:6443";

  private final FakeLoopbackApiServer server = new FakeLoopbackApiServer();
  private final List<HttpClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(HttpClient::close);
  }

  private HttpClient client(Supplier<LoopbackApiServer> loopback) {
    HttpClient client =
        new LoopbackHttpClientFactory(loopback, List.of())
            .newBuilder()
            .tag(new RequestConfigBuilder().withRequestRetryBackoffLimit(0).build())
            .build();
    clients.add(client);
    return client;
  }

  private HttpClient client() {
    return client(() -> server);
  }

  private static HttpRequest get(HttpClient client, String path) {
    return client.newHttpRequestBuilder().uri(URL + path).build();
  }

  /** Opens a streamed answer and takes its status; the body is not yet consumed. */
  private HttpResponse<AsyncBody> stream(HttpClient client, AsyncBody.Consumer<List<ByteBuffer>> c)
      throws Exception {
    server.answering(Call::startStream);
    return client.consumeBytes(get(client, "/api/v1/pods?watch=true"), c).get(10, TimeUnit.SECONDS);
  }

  private static String text(List<ByteBuffer> pieces) {
    StringBuilder s = new StringBuilder();
    pieces.forEach(p -> s.append(StandardCharsets.UTF_8.decode(p)));
    return s.toString();
  }

  @Test
  void aShortAnswerIsCompleteWhenTheRequestReturns() throws Exception {
    server.answering(call -> call.answer(200, "{\"kind\":\"Status\"}"));
    HttpClient client = client();

    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(get(client, "/version"), String.class);

    assertThat(answer).isDone();
    assertThat(answer.get().code()).isEqualTo(200);
    assertThat(answer.get().body()).isEqualTo("{\"kind\":\"Status\"}");
    assertThat(answer.get().header("content-type")).isEqualTo("application/json");
    assertThat(answer.get().request().uri().getPath()).isEqualTo("/version");
    assertThat(answer.get().previousResponse()).isEmpty();
  }

  @Test
  void piecesFromAServerThreadReachTheConsumerSeriallyInOrderOnLoopbackThreads() throws Exception {
    int count = 10_000;
    StringBuilder received = new StringBuilder();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicBoolean delivering = new AtomicBoolean();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger deepest = new AtomicInteger();
    HttpResponse<AsyncBody> response =
        stream(
            client(),
            (pieces, body) -> {
              if (!delivering.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
              }
              threads.add(Thread.currentThread().getName());
              deepest.accumulateAndGet(new Throwable().getStackTrace().length, Math::max);
              received.append(text(pieces));
              delivering.set(false);
              // Demand from inside the delivery, as fabric8's watch does.
              body.consume();
            });
    response.body().consume();
    Call call = server.next();

    StringBuilder sent = new StringBuilder();
    Thread store =
        new Thread(
            () -> {
              for (int i = 0; i < count; i++) {
                String piece = i + ",";
                sent.append(piece);
                assertThat(call.send(piece)).isTrue();
              }
              call.end();
            },
            "fake-store");
    store.start();
    store.join();
    response.body().done().get(10, TimeUnit.SECONDS);

    assertThat(received.toString()).isEqualTo(sent.toString());
    assertThat(overlaps).hasValue(0);
    assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("karavel-loopback-"));
    // No recursion from consume() inside a delivery.
    assertThat(deepest.get()).isLessThan(200);
  }

  @Test
  void eachConsumeAllowsOneDeliveryOfThePiecesQueuedSoFar() throws Exception {
    List<String> deliveries = new ArrayList<>();
    HttpResponse<AsyncBody> response =
        stream(client(), (pieces, body) -> deliveries.add(text(pieces)));
    Call call = server.next();
    call.send("a");
    call.send("b");
    assertThat(deliveries).isEmpty();

    // Delivered on the thread that demands it.
    response.body().consume();
    assertThat(deliveries).containsExactly("ab");
    call.send("c");
    call.end();
    assertThat(response.body().done()).isNotDone();
    response.body().consume();
    response.body().done().get(10, TimeUnit.SECONDS);
    assertThat(deliveries).containsExactly("ab", "c");
  }

  @Test
  void aConsumerThatFallsTooFarBehindGivesUpTheAnswer() throws Exception {
    HttpResponse<AsyncBody> response = stream(client(), (pieces, body) -> {});
    Call call = server.next();

    for (int i = 0; i < LoopbackExchange.MAX_QUEUED_PIECES; i++) {
      assertThat(call.send("x")).isTrue();
    }
    assertThat(call.send("x")).isFalse();

    assertThat(call.awaitCancelled()).isTrue();
    assertThatThrownBy(() -> response.body().done().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fell behind");
  }

  @Test
  void aConsumerFailureCancelsTheAnswer() throws Exception {
    HttpResponse<AsyncBody> response =
        stream(
            client(),
            (pieces, body) -> {
              throw new IllegalStateException("cannot parse");
            });
    response.body().consume();
    Call call = server.next();
    call.send("x");

    assertThat(call.awaitCancelled()).isTrue();
    assertThatThrownBy(() -> response.body().done().get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot parse");
    assertThat(call.send("y")).isFalse();
  }

  @Test
  void cancellingTheBodyCancelsTheAnswerOnce() throws Exception {
    HttpResponse<AsyncBody> response = stream(client(), (pieces, body) -> {});
    Call call = server.next();

    response.body().cancel();
    response.body().cancel();

    assertThat(call.cancelled()).isTrue();
    assertThat(response.body().done()).isCancelled();
    assertThat(call.send("x")).isFalse();
  }

  @Test
  void aStatusThatDoesNotComeInTimeFailsTheRequest() throws Exception {
    server.answering(Call::listenForCancel);
    HttpClient client = client();
    HttpRequest request =
        client
            .newHttpRequestBuilder()
            .uri(URL + "/slow")
            .timeout(200, TimeUnit.MILLISECONDS)
            .build();

    CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, String.class);

    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(server.next().awaitCancelled()).isTrue();
  }

  @Test
  void aServerFailureBeforeTheStatusFailsTheRequest() {
    server.answering(call -> call.fail(new IOException("the API server has stopped")));
    HttpClient client = client();

    assertThatThrownBy(() -> client.sendAsync(get(client, "/version"), String.class).get())
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessage("the API server has stopped");
  }

  @Test
  void closingTheClientEndsOpenAnswersAndRefusesNewRequests() throws Exception {
    HttpClient client = client();
    HttpResponse<AsyncBody> response = stream(client, (pieces, body) -> {});
    Call call = server.next();

    client.close();

    assertThat(call.awaitCancelled()).isTrue();
    assertThat(response.body().done()).isCompletedExceptionally();
    assertThatThrownBy(() -> client.sendAsync(get(client, "/version"), String.class).get())
        .hasStackTraceContaining("Client already closed");
  }

  @Test
  void aDerivedClientSharesTheTransport() throws Exception {
    HttpClient client = client();
    HttpClient derived = client.newBuilder().tag(new Object()).build();
    HttpResponse<AsyncBody> response = stream(derived, (pieces, body) -> {});
    Call call = server.next();

    client.close();

    assertThat(derived.isClosed()).isTrue();
    assertThat(call.awaitCancelled()).isTrue();
    assertThat(response.body().done()).isCompletedExceptionally();
  }

  @Test
  void withoutALoopbackServerTheRequestGoesToTheJdkClient() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpClient client = client(() -> null);
    HttpRequest request =
        client.newHttpRequestBuilder().uri("https://127.0.0.1:" + port + "/version").build();

    assertThatThrownBy(() -> client.sendAsync(request, String.class).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(ConnectException.class);
    assertThat(server.idle()).isTrue();
  }
}

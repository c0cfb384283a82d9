package io.karavel.client.internal.fake;

import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A loopback API server that records each request and answers it as the test says: at once from
 * {@link #answering}, or later, from any thread, through the {@link Call} taken with {@link
 * #next()}.
 */
public final class FakeLoopbackApiServer implements LoopbackApiServer {

  private static final Map<String, List<String>> JSON =
      Map.of("Content-Type", List.of("application/json"));

  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private volatile Consumer<Call> handler = call -> {};
  private volatile Predicate<URI> serves = server -> true;

  /** Serves only the server URLs {@code serves} accepts (by default, every URL). */
  public FakeLoopbackApiServer serving(Predicate<URI> serves) {
    this.serves = serves;
    return this;
  }

  /** A namespace as the API server answers it. */
  public static String namespace(String name) {
    return "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\"}}"
        .formatted(name);
  }

  /** Runs {@code handler} for each request, on the thread that sent it, inside serve. */
  public FakeLoopbackApiServer answering(Consumer<Call> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public boolean serves(URI server) {
    return serves.test(server);
  }

  @Override
  public void serve(LoopbackRequest request, LoopbackResponse response) {
    Call call = new Call(request, response, Thread.currentThread());
    calls.add(call);
    handler.accept(call);
  }

  /** The oldest request not yet taken, waiting up to ten seconds for one. */
  public Call next() throws InterruptedException {
    Call call = calls.poll(10, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("no request reached the fake loopback API server");
    }
    return call;
  }

  /** Whether no request is waiting to be taken. */
  public boolean idle() {
    return calls.isEmpty();
  }

  /** One request, the response to write its answer to and the thread that sent it. */
  public static final class Call {
    private final LoopbackRequest request;
    private final LoopbackResponse response;
    private final Thread thread;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    Call(LoopbackRequest request, LoopbackResponse response, Thread thread) {
      this.request = request;
      this.response = response;
      this.thread = thread;
    }

    public LoopbackRequest request() {
      return request;
    }

    public Thread thread() {
      return thread;
    }

    public String body() {
      return new String(request.body(), StandardCharsets.UTF_8);
    }

    /** The first value of a request header, its name matched without regard to case. */
    public String header(String name) {
      return request.headers().entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** A whole JSON answer: status, body and end. */
    public void answer(int status, String json) {
      response.head(status, JSON);
      response.body(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
      response.end();
    }

    /** Starts a streamed JSON answer, as a watch does, and listens for the client's cancel. */
    public void startStream() {
      response.head(200, JSON);
      listenForCancel();
    }

    /** Listens for the client's cancel without answering. */
    public void listenForCancel() {
      response.onCancel(cancelled::countDown);
    }

    public void fail(Throwable cause) {
      response.fail(cause);
    }

    /** Sends one piece of a streamed answer; false when the client no longer wants it. */
    public boolean send(String piece) {
      return send(piece.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one piece of a streamed answer; false when the client no longer wants it. */
    public boolean send(byte[] piece) {
      return response.body(ByteBuffer.wrap(piece));
    }

    public void end() {
      response.end();
    }

    /** Whether the client cancelled the answer within ten seconds. */
    public boolean awaitCancelled() throws InterruptedException {
      return cancelled.await(10, TimeUnit.SECONDS);
    }

    public boolean cancelled() {
      return cancelled.getCount() == 0;
    }
  }
}

package io.karavel.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpHeaders;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request over the loopback transport, seen from the client: the {@link LoopbackResponse} the
 * API server writes to and the {@link AsyncBody} fabric8 reads.
 *
 * <p>The server's calls run no client code on the server's thread. They record the status, the
 * pieces and the end, which one drain at a time hands to the client, in order: on the thread that
 * called {@code serve} once it has returned (a short request is so answered with no thread
 * hand-off), on the thread that calls {@link #consume()}, or on the transport's executor when they
 * arrive from another thread (a watch's frames come from the store's delivery threads). Each {@code
 * consume()} allows one delivery, of every piece queued at that moment; a consumer calling {@code
 * consume()} from inside its delivery is served by the same drain's next turn, not recursively.
 */
final class LoopbackExchange implements LoopbackResponse, AsyncBody {

  /** Pieces queued and not yet consumed beyond which the client gives up the answer. */
  static final int MAX_QUEUED_PIECES = 20_000;

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackExchange.class);
  private static final Runnable CANCELLED = () -> {};

  private final HttpRequest request;
  private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
  private final Executor executor;
  private final Set<LoopbackExchange> open;
  private final CompletableFuture<HttpResponse<AsyncBody>> response = new CompletableFuture<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Queue<ByteBuffer> pieces = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger drains = new AtomicInteger();
  private final AtomicReference<Runnable> onCancel = new AtomicReference<>();
  private volatile Thread serving;
  private volatile HttpResponse<AsyncBody> head;
  private volatile Throwable failure;
  private volatile boolean finished;
  private volatile Throwable abort;
  private volatile boolean settled;
  private volatile Future<?> timeout;
  // Read and written by the drain only (drains are serialized by the drains counter).
  private boolean published;

  /**
   * @param open the transport's unsettled exchanges, which this one leaves once the server has
   *     finished it or the client has given it up
   */
  LoopbackExchange(
      HttpRequest request,
      AsyncBody.Consumer<List<ByteBuffer>> consumer,
      Executor executor,
      Set<LoopbackExchange> open) {
    this.request = request;
    this.consumer = consumer;
    this.executor = executor;
    this.open = open;
  }

  /** The status and headers, completed when the server has sent them. */
  CompletableFuture<HttpResponse<AsyncBody>> response() {
    return response;
  }

  /**
   * Hands the request to {@code server} on this thread, then hands this thread whatever the server
   * answered meanwhile.
   */
  void serve(LoopbackApiServer server, LoopbackRequest loopbackRequest) {
    serving = Thread.currentThread();
    try {
      server.serve(loopbackRequest, this);
    } catch (RuntimeException e) {
      LOG.warn("the loopback API server failed on {} {}", request.method(), request.uri(), e);
      if (!finished) {
        fail(e);
      }
    } finally {
      serving = null;
    }
    schedule(true);
  }

  /** Whether the server has finished the answer or the client has given it up. */
  boolean settled() {
    return settled;
  }

  /**
   * Fails the response with {@link HttpTimeoutException} unless the status arrives within {@code
   * limit}.
   */
  void timeoutAfter(Duration limit, ScheduledExecutorService timer) {
    if (head != null || finished) {
      return;
    }
    Future<?> task;
    try {
      task =
          timer.schedule(
              () -> execute(() -> timedOut(limit)), limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return; // the client is closed and gives up this exchange
    }
    timeout = task;
    if (head != null || finished) {
      task.cancel(false);
    }
  }

  private void timedOut(Duration limit) {
    if (head == null
        && response.completeExceptionally(
            new HttpTimeoutException("request timed out after " + limit.toMillis() + " ms"))) {
      cancel();
    }
  }

  /** Gives up the exchange because the client is closed. */
  void close(IOException cause) {
    response.completeExceptionally(cause);
    cancel();
  }

  // ------------------------------------------------------------------ LoopbackResponse

  @Override
  public void head(int status, Map<String, List<String>> headers) {
    if (head != null) {
      return;
    }
    stopTimer();
    head = new Head(status, headers, request, this);
    signal();
  }

  @Override
  public boolean body(ByteBuffer piece) {
    if (abort != null || done.isDone() || onCancel.get() == CANCELLED) {
      return false;
    }
    if (queued.incrementAndGet() > MAX_QUEUED_PIECES) {
      abort =
          new IOException(
              "the client fell behind: "
                  + MAX_QUEUED_PIECES
                  + " pieces of the answer to "
                  + request.method()
                  + " "
                  + request.uri()
                  + " were not consumed");
      cancelServer();
      signal();
      return false;
    }
    pieces.add(piece);
    if (demand.get() > 0) {
      signal();
    }
    return true;
  }

  @Override
  public void end() {
    finish(null);
  }

  @Override
  public void fail(Throwable cause) {
    finish(cause == null ? new IOException("the API server failed the answer") : cause);
  }

  private void finish(Throwable cause) {
    if (finished) {
      return;
    }
    failure = cause;
    finished = true;
    stopTimer();
    settle();
    signal();
  }

  @Override
  public void onCancel(Runnable cancel) {
    while (true) {
      Runnable current = onCancel.get();
      if (current == CANCELLED) {
        runCancel(cancel);
        return;
      }
      if (onCancel.compareAndSet(current, cancel)) {
        return;
      }
    }
  }

  // ------------------------------------------------------------------ AsyncBody

  @Override
  public void consume() {
    if (done.isDone()) {
      return;
    }
    demand.incrementAndGet();
    schedule(true);
  }

  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void cancel() {
    cancelServer();
    done.cancel(false);
    settle();
  }

  // ------------------------------------------------------------------ delivery

  /** A call from the server: drained by serve's caller when on its thread, else by the executor. */
  private void signal() {
    if (Thread.currentThread() != serving) {
      schedule(false);
    }
  }

  private void schedule(boolean here) {
    if (drains.getAndIncrement() != 0) {
      return; // the running drain takes another turn
    }
    if (here) {
      drain();
    } else {
      execute(this::drain);
    }
  }

  private void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException closed) {
      // The client is closed and has given up this exchange.
    }
  }

  private void drain() {
    int turns = 1;
    do {
      deliver();
      turns = drains.addAndGet(-turns);
    } while (turns != 0);
  }

  private void deliver() {
    if (!published && !publish()) {
      return;
    }
    while (!done.isDone()) {
      Throwable aborted = abort;
      if (aborted != null) {
        complete(aborted);
      } else if (demand.get() > 0 && !pieces.isEmpty()) {
        List<ByteBuffer> batch = new ArrayList<>();
        for (ByteBuffer piece = pieces.poll(); piece != null; piece = pieces.poll()) {
          batch.add(piece);
        }
        queued.addAndGet(-batch.size());
        demand.decrementAndGet();
        try {
          consumer.consume(batch, this);
        } catch (Exception e) {
          cancelServer();
          complete(e);
        }
      } else if (finished && pieces.isEmpty()) {
        complete(failure);
      } else {
        return;
      }
    }
    pieces.clear();
  }

  /** Completes the response once the status is in; false while it is not. */
  private boolean publish() {
    HttpResponse<AsyncBody> status = head;
    if (status == null) {
      if (!finished) {
        return false;
      }
      published = true;
      Throwable cause = failure;
      IOException broken =
          cause instanceof IOException io
              ? io
              : new IOException("the API server answered without a status", cause);
      response.completeExceptionally(broken);
      complete(broken);
      return false;
    }
    published = true;
    if (!response.complete(status)) {
      // Timed out or closed meanwhile: nobody reads this answer.
      cancel();
      return false;
    }
    return true;
  }

  private void complete(Throwable cause) {
    if (cause == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(cause);
    }
    settle();
  }

  private void settle() {
    settled = true;
    open.remove(this);
  }

  private void stopTimer() {
    Future<?> task = timeout;
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Tells the server to stop sending, at most once. */
  private void cancelServer() {
    Runnable cancel = onCancel.getAndSet(CANCELLED);
    if (cancel != null && cancel != CANCELLED) {
      runCancel(cancel);
    }
  }

  private void runCancel(Runnable cancel) {
    try {
      cancel.run();
    } catch (RuntimeException e) {
      LOG.warn("cancelling a loopback answer failed", e);
    }
  }

  /** The status and headers of an answer, headers looked up without regard to case. */
  private static final class Head extends StandardHttpHeaders implements HttpResponse<AsyncBody> {
    private final int code;
    private final HttpRequest request;
    private final AsyncBody body;

    Head(int code, Map<String, List<String>> headers, HttpRequest request, AsyncBody body) {
      super(headers);
      this.code = code;
      this.request = request;
      this.body = body;
    }

    @Override
    public int code() {
      return code;
    }

    @Override
    public AsyncBody body() {
      return body;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public Optional<HttpResponse<?>> previousResponse() {
      return Optional.empty();
    }
  }
}

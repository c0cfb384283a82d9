package io.karavel.client.internal;

import static io.fabric8.kubernetes.client.http.StandardHttpHeaders.CONTENT_TYPE;
import static io.fabric8.kubernetes.client.http.StandardHttpHeaders.PROXY_AUTHORIZATION;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.StandardHttpRequest.BodyContent;
import io.fabric8.kubernetes.client.http.StandardHttpRequest.ByteArrayBodyContent;
import io.fabric8.kubernetes.client.http.StandardHttpRequest.InputStreamBodyContent;
import io.fabric8.kubernetes.client.http.StandardHttpRequest.StringBodyContent;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.apiserver.spi.loopback.LoopbackRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What a {@link LoopbackHttpClient} and the clients derived from it share: the choice, per request,
 * between the in-process API server and HTTPS, the HTTPS client, the threads that deliver answers
 * arriving from the server's threads, and the answers still open.
 */
final class LoopbackTransport {

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final long IDLE_SECONDS = 60;

  private final Supplier<LoopbackApiServer> loopback;
  private final List<X509Certificate> clientCertificates;
  private final StandardHttpClient<?, ?, ?> https;
  private final ExecutorService executor;
  private final ScheduledThreadPoolExecutor timer;
  private final Set<LoopbackExchange> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param loopback the API server in this framework that serves the client's URL, or null
   * @param clientCertificates the chain the client presents in TLS, leaf first
   * @param https the client for requests no loopback server takes and for websockets
   */
  LoopbackTransport(
      Supplier<LoopbackApiServer> loopback,
      List<X509Certificate> clientCertificates,
      StandardHttpClient<?, ?, ?> https) {
    this.loopback = loopback;
    this.clientCertificates = List.copyOf(clientCertificates);
    this.https = https;
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads("karavel-loopback-", true));
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, threads("karavel-loopback-timer-", false));
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    this.timer = t;
  }

  /**
   * Daemon threads named {@code prefix} and a number, with this bundle's class loader; {@code
   * delivery} threads are the ones {@link #onDeliveryThread} recognises.
   */
  static ThreadFactory threads(String prefix, boolean delivery) {
    // Client code runs on these threads: give them this bundle's class loader, as the client was
    // built with, rather than whichever loader the first caller had.
    ClassLoader loader = LoopbackTransport.class.getClassLoader();
    return task -> {
      String name = prefix + THREADS.incrementAndGet();
      Thread thread = delivery ? new DeliveryThread(task, name) : new Thread(task, name);
      thread.setDaemon(true);
      thread.setContextClassLoader(loader);
      return thread;
    };
  }

  /** A thread that delivers answers from the server's threads to the client. */
  private static final class DeliveryThread extends Thread {
    DeliveryThread(Runnable task, String name) {
      super(task, name);
    }
  }

  /**
   * Whether the calling thread delivers an answer, a watch's frames most often: client code it runs
   * is the consumer of that answer, in order.
   */
  static boolean onDeliveryThread() {
    return Thread.currentThread() instanceof DeliveryThread;
  }

  /** The HTTPS client. */
  StandardHttpClient<?, ?, ?> https() {
    return https;
  }

  /**
   * Sends {@code request} to the API server in this framework when there is one for this client,
   * else over HTTPS. Interceptors have already been applied.
   */
  CompletableFuture<HttpResponse<AsyncBody>> send(
      StandardHttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (closed.get()) {
      throw new IllegalStateException("Client already closed");
    }
    if (request.isForStreaming()) {
      // A watch (the only streamed request of fabric8 7.4), over either transport.
      consumer = new AsciiJsonConsumer(consumer);
    }
    LoopbackApiServer server = loopback.get();
    if (server == null) {
      return https.consumeBytesDirect(request, consumer);
    }
    LoopbackRequest loopbackRequest;
    try {
      loopbackRequest = loopbackRequest(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    LoopbackExchange exchange = new LoopbackExchange(request, consumer, executor, open);
    exchange.serve(server, loopbackRequest);
    if (!exchange.settled()) {
      // Still streaming (a watch): remembered so that close() can end it.
      open.add(exchange);
      if (exchange.settled()) {
        open.remove(exchange);
      } else if (closed.get()) {
        exchange.close(new IOException("the client is closed"));
      }
      Duration limit = request.getTimeout();
      if (limit != null && !limit.isNegative() && !limit.isZero()) {
        exchange.timeoutAfter(limit, timer);
      }
    }
    return exchange.response();
  }

  private LoopbackRequest loopbackRequest(StandardHttpRequest request) throws IOException {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              // Meant for an HTTP proxy, which the loopback transport does not pass. The values
              // are copied: fabric8 keeps adding to the lists of the builder it retries with.
              if (!PROXY_AUTHORIZATION.equalsIgnoreCase(name)) {
                headers.put(name, List.copyOf(values));
              }
            });
    byte[] body = body(request.body());
    if (body != null
        && request.getContentType() != null
        && request.headers(CONTENT_TYPE).isEmpty()) {
      headers.put(CONTENT_TYPE, List.of(request.getContentType()));
    }
    return new LoopbackRequest(
        request.method(),
        query == null ? path : path + "?" + query,
        headers,
        body,
        clientCertificates);
  }

  private static byte[] body(BodyContent content) throws IOException {
    if (content == null) {
      return null;
    }
    if (content instanceof StringBodyContent text) {
      return text.getContent().getBytes(StandardCharsets.UTF_8);
    }
    if (content instanceof ByteArrayBodyContent bytes) {
      return bytes.getContent();
    }
    if (content instanceof InputStreamBodyContent stream) {
      try (InputStream in = stream.getContent()) {
        return in.readAllBytes();
      }
    }
    throw new IllegalArgumentException("unsupported request body " + content.getClass().getName());
  }

  /** Ends the open answers (the server ends those watches) and closes the HTTPS client. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    IOException cause = new IOException("the client is closed");
    for (LoopbackExchange exchange : open) {
      exchange.close(cause);
    }
    open.clear();
    try {
      https.close();
    } finally {
      executor.shutdown();
      timer.shutdownNow();
    }
  }
}

package io.karavel.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fabric8 HTTP client that reaches an API server running in the same framework in-process,
 * through its {@link io.karavel.apiserver.spi.loopback.LoopbackApiServer} service, and any other
 * server, and websockets, over HTTPS with fabric8's JDK client. fabric8 applies the interceptors
 * (authentication headers, impersonation, retries) before either transport.
 */
final class LoopbackHttpClient
    extends StandardHttpClient<
        LoopbackHttpClient, LoopbackHttpClientFactory, LoopbackHttpClientBuilder> {

  private final LoopbackTransport transport;

  LoopbackHttpClient(
      LoopbackHttpClientBuilder builder, LoopbackTransport transport, AtomicBoolean closed) {
    super(builder, closed);
    this.transport = transport;
  }

  /** Shared with the clients derived from this one. */
  LoopbackTransport transport() {
    return transport;
  }

  @Override
  public CompletableFuture<HttpResponse<AsyncBody>> consumeBytesDirect(
      StandardHttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    return transport.send(request, consumer);
  }

  @Override
  public CompletableFuture<WebSocketResponse> buildWebSocketDirect(
      StandardWebSocketBuilder builder, WebSocket.Listener listener) {
    return transport.https().buildWebSocketDirect(builder, listener);
  }

  @Override
  protected void doClose() {
    transport.close();
  }
}

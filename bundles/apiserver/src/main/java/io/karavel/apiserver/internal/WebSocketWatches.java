package io.karavel.apiserver.internal;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Upgrades watch requests that ask for a WebSocket ({@code Upgrade: websocket} on HTTP/1.1) with
 * Jetty's WebSocket core, so that clients which watch over WebSockets by default get the same
 * events as HTTP watchers.
 */
final class WebSocketWatches {

  private volatile WebSocketMappings mappings;

  boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /**
   * Answers the handshake and returns the socket's sink (already ended if the upgrade failed after
   * taking over the response), or null if the request is not a valid WebSocket handshake (the
   * caller then serves an HTTP watch).
   */
  WatchSink upgrade(Request request, Response response, Callback done, Runnable onClose) {
    WebSocketWatch socket = new WebSocketWatch(onClose);
    WebSocketNegotiator negotiator =
        new WebSocketNegotiator.AbstractNegotiator() {
          @Override
          public FrameHandler negotiate(
              ServerUpgradeRequest request, ServerUpgradeResponse response, Callback cb) {
            return socket;
          }
        };
    Callback callback =
        Callback.from(
            done::succeeded,
            x -> {
              socket.released();
              done.failed(x);
            });
    try {
      if (mappings(request).upgrade(negotiator, request, response, callback, null)) {
        return socket;
      }
    } catch (RuntimeException e) {
      done.failed(e);
      socket.released();
      return socket;
    }
    return null;
  }

  private WebSocketMappings mappings(Request request) {
    WebSocketMappings m = mappings;
    if (m == null) {
      synchronized (this) {
        m = mappings;
        if (m == null) {
          Server server = request.getConnectionMetaData().getConnector().getServer();
          m = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(server));
          mappings = m;
        }
      }
    }
    return m;
  }
}

package io.karavel.apiserver.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A watch served over a WebSocket, as upstream serves {@code ?watch=true} to clients that ask for
 * an upgrade (fabric8's client does by default): one text message per watch event, a normal close
 * when the watch times out. Frames sent before the socket opens wait in order; a client more than
 * {@link WatchStream#MAX_QUEUED} frames behind is cut off, as on HTTP.
 */
final class WebSocketWatch implements WatchSink, FrameHandler {

  private final Runnable onClose;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Frames queued before {@link #onOpen}; guarded by {@code this}. */
  private final Queue<byte[]> early = new ArrayDeque<>();

  private volatile CoreSession session;
  private boolean closeWhenOpen;

  WebSocketWatch(Runnable onClose) {
    this.onClose = onClose;
  }

  @Override
  public boolean send(byte[] frame) {
    if (ended.get()) {
      return false;
    }
    synchronized (this) {
      if (session == null) {
        if (early.size() >= WatchStream.MAX_QUEUED) {
          ended.set(true);
          closeWhenOpen = true;
          return false;
        }
        early.add(frame);
        return true;
      }
    }
    return write(session, frame);
  }

  private boolean write(CoreSession s, byte[] frame) {
    if (inFlight.incrementAndGet() > WatchStream.MAX_QUEUED) {
      ended.set(true);
      s.close(CloseStatus.POLICY_VIOLATION, "watch client is too slow", Callback.NOOP);
      return false;
    }
    s.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(frame, 0, trimmed(frame))), sent, false);
    return true;
  }

  /** Upstream's messages are the bare JSON events; the HTTP framing adds a newline. */
  private static int trimmed(byte[] frame) {
    int n = frame.length;
    return n > 0 && frame[n - 1] == '\n' ? n - 1 : n;
  }

  private final Callback sent =
      new Callback() {
        @Override
        public void succeeded() {
          inFlight.decrementAndGet();
        }

        @Override
        public void failed(Throwable x) {
          inFlight.decrementAndGet();
          end();
        }
      };

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      CoreSession s;
      synchronized (this) {
        s = session;
        if (s == null) {
          closeWhenOpen = true;
          return;
        }
      }
      // The close frame follows the frames already handed to the session, in order.
      s.close(CloseStatus.NORMAL, "watch closed", Callback.NOOP);
    }
  }

  @Override
  public boolean isEnded() {
    return ended.get();
  }

  // ------------------------------------------------------------------ FrameHandler

  @Override
  public void onOpen(CoreSession coreSession, Callback callback) {
    boolean close;
    synchronized (this) {
      for (byte[] frame; (frame = early.poll()) != null; ) {
        write(coreSession, frame);
      }
      session = coreSession;
      close = closeWhenOpen;
    }
    callback.succeeded();
    if (close) {
      coreSession.close(CloseStatus.NORMAL, "watch closed", Callback.NOOP);
    } else {
      coreSession.demand();
    }
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    // Clients send nothing but pings and the close handshake, which the session answers itself.
    callback.succeeded();
    if (frame.getOpCode() != OpCode.CLOSE) {
      session.demand();
    }
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    ended.set(true);
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus closeStatus, Callback callback) {
    released();
    callback.succeeded();
  }

  /** The socket is gone, or never opened: ends the watch and runs {@code onClose} once. */
  void released() {
    ended.set(true);
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}

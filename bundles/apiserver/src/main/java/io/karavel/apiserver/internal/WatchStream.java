package io.karavel.apiserver.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A long-lived chunked response of newline-delimited JSON frames. Frames are queued by any thread
 * and written one at a time; a client that falls more than {@link #MAX_QUEUED} frames behind is cut
 * off (as upstream drops slow watchers) so memory stays bounded.
 *
 * <p>A client that goes away ends the watch at once: Jetty reports neither a closed HTTP/1.1
 * connection (it does not read while the response streams) nor, reliably, a failed HTTP/2 stream
 * through the write callbacks, which then never complete. So the stream listens for its
 * connection's close and takes the request's failure as the end. Without that a departed watcher
 * stayed registered, kept its store subscription and had every later event rendered for it.
 */
final class WatchStream implements WatchSink {

  static final int MAX_QUEUED = 20_000;
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final Response response;
  private final Callback done;
  private final Runnable onClose;
  private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Flusher flusher = new Flusher();
  private final Connection connection;
  private final Connection.Listener connectionClosed =
      new Connection.Listener() {
        @Override
        public void onClosed(Connection c) {
          fail(clientGone());
        }
      };

  WatchStream(Response response, Callback done, String contentType, Runnable onClose) {
    this.response = response;
    this.done = done;
    this.onClose = onClose;
    this.connection = response.getRequest().getConnectionMetaData().getConnection();
    connection.addEventListener(connectionClosed);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put("Cache-Control", "no-cache, private");
    // Commit the headers now: clients wait for them before reading events.
    queue.offer(ByteBuffer.allocate(0));
    flusher.iterate();
    // Closed before the listener was added: it will not hear of it.
    if (!connection.getEndPoint().isOpen()) {
      fail(clientGone());
    }
  }

  private static EofException clientGone() {
    return new EofException("the client's connection closed");
  }

  @Override
  public boolean send(byte[] frame) {
    if (ended.get()) {
      return false;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      fail(new IllegalStateException("watch client is too slow"));
      return false;
    }
    queue.offer(ByteBuffer.wrap(frame));
    flusher.iterate();
    return true;
  }

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      queue.offer(END);
      flusher.iterate();
    }
  }

  @Override
  public boolean isEnded() {
    return ended.get();
  }

  @Override
  public void fail(Throwable cause) {
    ended.set(true);
    if (closed.compareAndSet(false, true)) {
      connection.removeEventListener(connectionClosed);
      onClose.run();
      done.failed(cause);
    }
  }

  private final class Flusher extends IteratingCallback {
    private boolean last;

    @Override
    protected Action process() {
      if (last) {
        return Action.SUCCEEDED;
      }
      ByteBuffer next = queue.poll();
      if (next == null) {
        return Action.IDLE;
      }
      if (next == END) {
        last = true;
        response.write(true, next, this);
      } else {
        if (next.hasRemaining()) {
          queued.decrementAndGet();
        }
        response.write(false, next, this);
      }
      return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
      if (closed.compareAndSet(false, true)) {
        connection.removeEventListener(connectionClosed);
        onClose.run();
        done.succeeded();
      }
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
      fail(cause);
    }
  }
}

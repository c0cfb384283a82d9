package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.loopback.LoopbackResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A watch over the loopback transport: each frame goes to the client's response as one body piece.
 * The client queues pieces it has not yet consumed and refuses more once it falls too far behind,
 * which ends the watch as a slow HTTP watcher's is ended. Calls into the response are serialized
 * (frames come from store delivery and timer threads); {@code onClose} runs outside the lock.
 */
final class LoopbackWatch implements WatchSink {

  private final LoopbackResponse response;
  private final Runnable onClose;
  private final Loopback owner;
  private boolean ended;
  private boolean inBody;
  private Throwable deferred;

  LoopbackWatch(LoopbackResponse response, Runnable onClose, Loopback owner) {
    this.response = response;
    this.onClose = onClose;
    this.owner = owner;
    response.head(
        200,
        Map.of(
            "Content-Type",
            List.of(MediaTypes.JSON),
            "Cache-Control",
            List.of("no-cache, private")));
  }

  /** Ends the watch when the client gives it up; at once if it already has. */
  void listenForCancel() {
    response.onCancel(() -> fail(new CancellationException("the client closed the watch")));
  }

  @Override
  public boolean send(byte[] frame) {
    synchronized (this) {
      if (ended) {
        return false;
      }
      boolean taken;
      inBody = true;
      try {
        taken = response.body(ByteBuffer.wrap(frame));
      } finally {
        inBody = false;
      }
      if (taken && !ended) {
        return true;
      }
      if (!ended) {
        ended = true;
        response.fail(new IllegalStateException("watch client is too slow"));
      } else if (deferred != null) {
        // The client gave up from inside body(): answer it now that body() has returned.
        response.fail(deferred);
        deferred = null;
      }
    }
    closed();
    return false;
  }

  @Override
  public void end() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      response.end();
    }
    closed();
  }

  @Override
  public void fail(Throwable cause) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      if (inBody) {
        // Re-entered from the client's body() on this thread: send() ends the response and
        // runs onClose once body() has returned and this lock is released.
        deferred = cause;
        return;
      }
      response.fail(cause);
    }
    closed();
  }

  @Override
  public synchronized boolean isEnded() {
    return ended;
  }

  private void closed() {
    owner.closed(this);
    onClose.run();
  }
}

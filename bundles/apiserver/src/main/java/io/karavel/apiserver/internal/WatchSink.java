package io.karavel.apiserver.internal;

/**
 * Where a watch writes its events: a chunked HTTP response ({@link WatchStream}) or a WebSocket
 * ({@link WebSocketWatch}). Frames may be sent from any thread; each is one JSON watch event.
 */
interface WatchSink {

  /** Queues one frame; returns false if the sink has ended. */
  boolean send(byte[] frame);

  /** Ends the sink after the frames already queued. */
  void end();

  /** The client is gone or the request failed: ends the sink without writing more. */
  default void fail(Throwable cause) {
    end();
  }

  boolean isEnded();
}

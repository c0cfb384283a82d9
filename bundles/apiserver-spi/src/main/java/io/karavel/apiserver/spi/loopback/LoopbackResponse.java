package io.karavel.apiserver.spi.loopback;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the API server writes its answer to a {@link LoopbackRequest}. Implemented by the client.
 *
 * <p>The server calls {@link #head} once, then {@link #body} any number of times, then exactly one
 * of {@link #end} or {@link #fail}; it calls them one at a time, never concurrently, though not
 * always from the same thread. None of them may block: a client that delivers pieces later queues
 * them.
 */
@ConsumerType
public interface LoopbackResponse {

  /** The status code and headers (names in their usual case, for example {@code Content-Type}). */
  void head(int status, Map<String, List<String>> headers);

  /**
   * A piece of the body, which the client now owns. Returns false when the client no longer wants
   * the body (it cancelled, or fell too far behind); the server then stops sending.
   */
  boolean body(ByteBuffer piece);

  /** The body is complete. */
  void end();

  /** The answer broke off before its end (the server stopped, or the stream failed). */
  void fail(Throwable cause);

  /**
   * Registers what the server does when the client gives up the answer before its end (closes a
   * watch). Called by the server before the first {@link #body} of a streamed answer; the client
   * runs {@code cancel} at most once, from any thread, and at once if it already gave up.
   */
  void onCancel(Runnable cancel);
}

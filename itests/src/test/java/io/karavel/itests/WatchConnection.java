package io.karavel.itests;

import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open watch response: a reader thread parses its newline-delimited frames into a queue, and
 * records how the stream ended. Tests take frames with deadlines; anything on the wire that is not
 * a {@code {"type":...,"object":{...}}} frame is kept as garbage for the test to assert on.
 */
final class WatchConnection implements AutoCloseable {

  /** Where the stream stands, as seen by the client. */
  enum State {
    /** Still open: no end of stream so far. */
    OPEN,
    /** The server ended the response cleanly (end of stream). */
    ENDED,
    /** The stream broke (reset, I/O error) without a clean end. */
    BROKEN,
    /** The test closed it. */
    CLOSED
  }

  private final String path;
  private final InputStream body;
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final List<String> garbage = new CopyOnWriteArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread reader;
  private volatile State state = State.OPEN;
  private volatile IOException failure;
  private volatile boolean closing;

  private WatchConnection(String path, InputStream body) {
    this.path = path;
    this.body = body;
    this.reader = new Thread(this::read, "itest-watch " + path);
    reader.setDaemon(true);
  }

  static WatchConnection start(String path, HttpResponse<InputStream> response) {
    WatchConnection watch = new WatchConnection(path, response.body());
    watch.reader.start();
    return watch;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        accept(line);
      }
      state = closing ? State.CLOSED : State.ENDED;
    } catch (IOException e) {
      failure = e;
      state = closing ? State.CLOSED : State.BROKEN;
    } finally {
      finished.countDown();
    }
  }

  private void accept(String line) {
    if (line.isBlank()) {
      return; // keep-alive newlines are allowed between frames
    }
    try {
      JsonNode frame = AdminApiClient.JSON.readTree(line);
      if (frame.path("type").isTextual() && frame.path("object").isObject()) {
        frames.add(frame);
        return;
      }
    } catch (IOException e) {
      // not JSON: garbage
    }
    garbage.add(line);
  }

  State state() {
    return state;
  }

  /** The reason the stream broke, or null. */
  IOException failure() {
    return failure;
  }

  /** Lines that were not watch frames. */
  List<String> garbage() {
    return List.copyOf(garbage);
  }

  /** The next frame; fails if none arrives within the timeout. */
  JsonNode next(long timeoutMillis) {
    JsonNode frame = poll(timeoutMillis);
    if (frame == null) {
      fail(
          "No watch frame on "
              + path
              + " within "
              + timeoutMillis
              + " ms; stream "
              + describeEnd()
              + "; garbage "
              + garbage);
    }
    return frame;
  }

  /** The next frame, or null if none arrives within the timeout. */
  JsonNode poll(long timeoutMillis) {
    try {
      return frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Frames received but not taken yet. */
  List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }

  /** Waits until the stream ends one way or another; returns false on timeout. */
  boolean awaitEnd(long timeoutMillis) {
    try {
      return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String describeEnd() {
    return failure == null ? state.toString() : state + " (" + failure + ")";
  }

  @Override
  public void close() {
    closing = true;
    try {
      body.close();
    } catch (IOException e) {
      // closing anyway
    }
    // The JDK client's body stream does not always wake a blocked read on close.
    reader.interrupt();
    awaitEnd(5_000);
  }
}

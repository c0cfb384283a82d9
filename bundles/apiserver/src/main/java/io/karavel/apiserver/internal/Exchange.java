package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP exchange: the parsed request, the authenticated user, and the single response that may
 * be written (a second attempt is ignored, so a timed-out request cannot be answered twice). The
 * {@link Wire} it came on is HTTPS or the in-process loopback transport.
 */
public final class Exchange {

  private final Wire wire;
  private final Fields query;
  private final AtomicBoolean responded = new AtomicBoolean();
  private final List<String> warnings = new ArrayList<>();
  private RequestInfo info;
  private UserInfo user;
  private int status = 200;
  private String retryAfter;

  Exchange(Wire wire) {
    this.wire = wire;
    this.query = wire.query();
  }

  Wire wire() {
    return wire;
  }

  public String method() {
    return wire.method();
  }

  public String path() {
    return wire.path();
  }

  public String header(String name) {
    return wire.header(name);
  }

  public String param(String name) {
    String v = query.getValue(name);
    return v == null ? null : v;
  }

  public String param(String name, String dflt) {
    String v = param(name);
    return v == null || v.isEmpty() ? dflt : v;
  }

  public boolean flag(String name) {
    String v = param(name);
    return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
  }

  public long longParam(String name, long dflt) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid value for " + name + ": \"" + v + "\"");
    }
  }

  public List<String> params(String name) {
    List<String> v = query.getValues(name);
    return v == null ? List.of() : v;
  }

  public RequestInfo info() {
    return info;
  }

  void info(RequestInfo info) {
    this.info = info;
  }

  public UserInfo user() {
    return user;
  }

  void user(UserInfo user) {
    this.user = user;
  }

  public int status() {
    return status;
  }

  /** Adds a {@code Warning: 299 - "..."} header to the response. */
  public void warn(String text) {
    warnings.add(text);
  }

  /**
   * Reads the whole body, refusing more than {@code max} bytes with 413.
   *
   * <p>An HTTP/2 client goes on sending a body the server will not read until the stream ends, and
   * some (the JDK's, curl) only then read the 413. So the rest of a body up to {@link
   * #DRAIN_FACTOR} times the limit is read and dropped before answering; a larger one is refused
   * without reading (HTTP/1.1 then closes the connection).
   *
   * @throws ApiException 413 when the body is too large
   */
  public byte[] body(int max) {
    long declared = wire.contentLength();
    long drainLimit = (long) max * DRAIN_FACTOR;
    if (declared > drainLimit) {
      throw tooLarge(max);
    }
    try (InputStream in = wire.body()) {
      if (declared >= 0 && declared <= max) {
        // The usual request says its length: read exactly that into one array, instead of
        // readNBytes' 8 KB chunks and copy (most bodies are a few KB, and this is every write).
        byte[] bytes = new byte[(int) declared];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
          return Arrays.copyOf(bytes, n);
        }
        int next = in.read();
        if (next < 0) {
          return bytes;
        }
        // More than declared: read on as a body of unknown length would be.
        byte[] rest = in.readNBytes(max - bytes.length);
        if (bytes.length + 1 + rest.length <= max) {
          byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
          all[bytes.length] = (byte) next;
          System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
          return all;
        }
      } else if (declared <= max) {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length <= max) {
          return bytes;
        }
      }
      drain(in, drainLimit);
      throw tooLarge(max);
    } catch (IOException e) {
      throw ApiException.badRequest("error reading the request body: " + e.getMessage());
    }
  }

  /**
   * Reads and drops the request body of a request refused before reading it (429), as {@link #body}
   * does for one over the limit {@code max}: HTTP/2 clients that read the answer only once they
   * have sent the whole body (the JDK's, curl) would otherwise wait until their own timeout. A body
   * declared larger than {@link #DRAIN_FACTOR} times {@code max} is not read.
   */
  public void discardBody(int max) {
    long drainLimit = (long) max * DRAIN_FACTOR;
    if (wire.contentLength() > drainLimit) {
      return;
    }
    try (InputStream in = wire.body()) {
      drain(in, drainLimit);
    } catch (IOException | RuntimeException e) {
      // The answer goes out anyway; a client that broke off needs no drained body.
    }
  }

  /** How many times the body limit a refused body may be before it is not even drained. */
  static final int DRAIN_FACTOR = 4;

  private static void drain(InputStream in, long limit) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(sink)) >= 0) {
      total += n;
    }
  }

  private static ApiException tooLarge(int max) {
    return new ApiException(
        413,
        "RequestEntityTooLarge",
        "the request body is larger than the limit of " + max + " bytes");
  }

  /** Writes a JSON (or YAML, when asked) response and completes the exchange. */
  public void respond(int code, JsonNode body) {
    String accept = header("Accept");
    if (accept != null && MediaTypes.prefersYaml(accept)) {
      respond(code, "application/yaml", Json.yamlBytes(body));
    } else {
      respond(code, "application/json", Json.bytes(body));
    }
  }

  /**
   * Writes a written object as {@link #respond(int, JsonNode)} would, JSON spliced from the stored
   * bytes rather than encoded again.
   */
  void respond(int code, ObjectStore.Written written) {
    String accept = header("Accept");
    if (accept != null && MediaTypes.prefersYaml(accept)) {
      respond(code, written.object());
    } else {
      respond(code, MediaTypes.JSON, written.json());
    }
  }

  public void respond(int code, String contentType, byte[] body) {
    if (!responded.compareAndSet(false, true)) {
      return;
    }
    status = code;
    List<String> headers = List.of();
    if (!warnings.isEmpty()) {
      headers = new ArrayList<>(warnings.size());
      for (String w : warnings) {
        headers.add("299 - \"" + w.replace("\"", "\\\"") + "\"");
      }
    }
    wire.respond(code, contentType, headers, retryAfter, body);
  }

  /** Writes an API error as a Status. */
  public void fail(ApiException e) {
    if (e.details() != null && e.details().retryAfter() != null) {
      retryAfter = e.details().retryAfter().toString();
    }
    respond(e.code(), Statuses.failure(e));
  }

  public boolean responded() {
    return responded.get();
  }

  /** Marks the exchange as answered by a stream the caller now owns (watch). */
  boolean claimForStream(int code) {
    if (!responded.compareAndSet(false, true)) {
      return false;
    }
    status = code;
    return true;
  }

  /** Whether the client asked only for a dry run. */
  public boolean dryRun() {
    for (String v : params("dryRun")) {
      if (v.equals("All")) {
        return true;
      }
      throw ApiException.badRequest(
          "Invalid dry run value: \"" + v + "\": supported values: \"All\"");
    }
    return false;
  }

  /** Returns a node as an object or throws 400. */
  static ObjectNode object(JsonNode n, String what) {
    if (n instanceof ObjectNode o) {
      return o;
    }
    throw ApiException.badRequest(what + " must be an object");
  }
}

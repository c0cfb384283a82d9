package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches: {@code ?watch=true} on a collection (or an object, which watches by name). Streams
 * {@code {"type":...,"object":...}} frames in revision order, with selector transitions turned into
 * ADDED/DELETED as upstream does, optional bookmarks, a 410 ERROR event when the start revision is
 * compacted, and a timeout after which the stream ends cleanly.
 */
final class WatchHandler {

  private final ObjectStore store;
  private final ScheduledExecutorService timers;
  private final Metrics metrics;
  private final long minTimeoutSeconds;
  private final long bookmarkIntervalMillis;

  WatchHandler(
      ObjectStore store,
      ScheduledExecutorService timers,
      Metrics metrics,
      long minTimeoutSeconds,
      long bookmarkIntervalMillis) {
    this.store = store;
    this.timers = timers;
    this.metrics = metrics;
    this.minTimeoutSeconds = minTimeoutSeconds;
    this.bookmarkIntervalMillis = bookmarkIntervalMillis;
  }

  void handle(Exchange ex, ResourceDefinition def) {
    RequestInfo info = ex.info();
    String fieldSelector = ex.param("fieldSelector", "");
    if (!info.name().isEmpty()) {
      String byName = "metadata.name=" + info.name();
      fieldSelector = fieldSelector.isEmpty() ? byName : fieldSelector + "," + byName;
    }
    LabelSelector labels = LabelSelector.parse(ex.param("labelSelector"));
    FieldSelector fields = FieldSelector.parse(fieldSelector, def.group(), def.plural());
    String rv = ex.param("resourceVersion", "");
    boolean bookmarks = ex.flag("allowWatchBookmarks");
    boolean sendInitial = ex.flag("sendInitialEvents");
    long timeout = ex.longParam("timeoutSeconds", 0);
    if (timeout <= 0) {
      timeout = minTimeoutSeconds + ThreadLocalRandom.current().nextLong(minTimeoutSeconds + 1);
    }
    MediaTypes.Rendering rendering = MediaTypes.rendering(ex.header("Accept"), false);
    String tableVersion = MediaTypes.tableVersion(ex.header("Accept"));
    Tables.IncludeObject include = Tables.IncludeObject.parse(ex.param("includeObject"));
    String ns = def.namespaced() ? info.namespace() : "";

    Renderer renderer = new Renderer(def, rendering, tableVersion, include);
    if (!ex.claimForStream(200)) {
      return;
    }
    AtomicReference<Watch> watchRef = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> timerRef = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> bookmarkRef = new AtomicReference<>();
    metrics.watchOpened(def.group(), def.plural());
    Runnable onClose =
        () -> {
          Watch w = watchRef.get();
          if (w != null) {
            w.close();
          }
          cancel(timerRef.get());
          cancel(bookmarkRef.get());
          metrics.watchClosed(def.group(), def.plural());
        };
    WatchSink stream = ex.wire().openWatch(onClose);
    AtomicLong lastRevision = new AtomicLong();
    long startRevision;
    try {
      if (rv.isEmpty() || rv.equals("0") || sendInitial) {
        // Start with the current state as ADDED events, then follow.
        ObjectStore.Page<ObjectNode> page =
            store.list(
                def,
                ns,
                rv.isEmpty() || rv.equals("0") ? 0 : RestHandler.parseRv(rv),
                0,
                null,
                o -> labels.matches(o) && fields.matches(o));
        for (ObjectNode o : page.items()) {
          stream.send(renderer.frame("ADDED", o));
        }
        startRevision = page.revision() + 1;
        lastRevision.set(page.revision());
        if (sendInitial && bookmarks) {
          ObjectNode marker = bookmarkObject(def, page.revision());
          Meta.meta(marker).putObject("annotations").put("k8s.io/initial-events-end", "true");
          stream.send(renderer.raw("BOOKMARK", marker));
        }
      } else {
        long from = RestHandler.parseRv(rv);
        startRevision = from + 1;
        lastRevision.set(from);
      }
      WatchListener listener =
          new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
              for (WatchEvent e : events) {
                byte[] frame = translate(e, labels, fields, renderer);
                lastRevision.set(e.revision());
                if (frame != null && !stream.send(frame)) {
                  return;
                }
              }
            }

            @Override
            public void onError(StoreException error) {
              if (error instanceof CompactedException c) {
                stream.send(renderer.error(expired(c)));
              } else {
                stream.send(
                    renderer.error(ApiException.internal("watch ended: " + error.getMessage())));
              }
              stream.end();
            }

            @Override
            public void onProgress(long revision) {
              lastRevision.accumulateAndGet(revision, Math::max);
            }
          };
      watchRef.set(store.watch(def, ns, startRevision, listener));
    } catch (ApiException e) {
      if (e.code() == 410) {
        stream.send(renderer.error(e));
      } else {
        stream.send(renderer.error(e));
      }
      stream.end();
      return;
    } catch (CompactedException c) {
      stream.send(renderer.error(expired(c)));
      stream.end();
      return;
    }
    if (stream.isEnded()) {
      // Ended while the store watch was being set up: onClose found nothing to close.
      Watch w = watchRef.get();
      if (w != null) {
        w.close();
      }
      return;
    }
    timerRef.set(timers.schedule(stream::end, timeout, TimeUnit.SECONDS));
    if (bookmarks) {
      bookmarkRef.set(
          timers.scheduleAtFixedRate(
              () -> stream.send(renderer.raw("BOOKMARK", bookmarkObject(def, lastRevision.get()))),
              bookmarkIntervalMillis,
              bookmarkIntervalMillis,
              TimeUnit.MILLISECONDS));
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private static ApiException expired(CompactedException c) {
    return ApiException.gone(
        "too old resource version: " + c.requested() + " (" + c.compactRevision() + ")");
  }

  private static ObjectNode bookmarkObject(ResourceDefinition def, long revision) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("kind", def.kind());
    o.put("apiVersion", def.apiVersion());
    o.putObject("metadata").put("resourceVersion", Long.toString(revision));
    return o;
  }

  private static final byte[] ADDED = utf8("{\"type\":\"ADDED\",\"object\":");
  private static final byte[] MODIFIED = utf8("{\"type\":\"MODIFIED\",\"object\":");
  private static final byte[] DELETED = utf8("{\"type\":\"DELETED\",\"object\":");
  private static final byte[] FRAME_END = utf8("}\n");

  /** One store event as a watch frame, or null if the selectors filter it out. */
  static byte[] translate(
      WatchEvent e, LabelSelector labels, FieldSelector fields, Renderer renderer) {
    if (renderer.objects()) {
      // Objects go out as stored: the frame is spliced around the stored bytes (byte for byte what
      // decoding and encoding gives, see StoredJson) instead of decoding and encoding each event
      // for each watcher; selectors decode only to match, into a tree the watchers share.
      boolean prevMatches = e.prevKv() != null && matches(e.prevKv(), labels, fields);
      if (e.type() == WatchEvent.Type.DELETE) {
        return prevMatches
            ? StoredJson.wrapped(DELETED, e.prevKv().value(), e.revision(), FRAME_END)
            : null;
      }
      boolean curMatches = matches(e.kv(), labels, fields);
      if (!curMatches && !prevMatches) {
        return null;
      }
      byte[] type = curMatches ? (prevMatches ? MODIFIED : ADDED) : DELETED;
      return StoredJson.wrapped(type, e.kv().value(), e.kv().modRevision(), FRAME_END);
    }
    ObjectNode prev = e.prevKv() == null ? null : ObjectStore.decode(e.prevKv());
    boolean prevMatches = prev != null && labels.matches(prev) && fields.matches(prev);
    if (e.type() == WatchEvent.Type.DELETE) {
      if (!prevMatches) {
        return null;
      }
      ObjectStore.withResourceVersion(prev, e.revision());
      return renderer.frame("DELETED", prev);
    }
    ObjectNode cur = ObjectStore.decode(e.kv());
    boolean curMatches = labels.matches(cur) && fields.matches(cur);
    if (curMatches) {
      return renderer.frame(prevMatches ? "MODIFIED" : "ADDED", cur);
    }
    return prevMatches ? renderer.frame("DELETED", cur) : null;
  }

  /** Whether a stored version passes the selectors; without selectors it is not even decoded. */
  private static boolean matches(KeyValue kv, LabelSelector labels, FieldSelector fields) {
    if (labels.isEmpty() && fields.isEmpty()) {
      return true;
    }
    ObjectNode o = DECODED.get(kv);
    return labels.matches(o) && fields.matches(o);
  }

  /**
   * Stored versions decoded for selector matching, shared by the watchers that see the same event
   * (a key at a modification revision always holds the same value). Read-only trees. The watchers
   * of a resource get an event within moments of each other, so a few recent versions suffice; more
   * would only keep trees alive through young collections.
   */
  private static final DecodedVersions DECODED = new DecodedVersions(64);

  static final class DecodedVersions {
    private record Version(String key, long modRevision) {}

    private final Map<Version, ObjectNode> recent;

    DecodedVersions(int capacity) {
      this.recent =
          Collections.synchronizedMap(
              new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Version, ObjectNode> eldest) {
                  return size() > capacity;
                }
              });
    }

    ObjectNode get(KeyValue kv) {
      Version v = new Version(kv.key(), kv.modRevision());
      ObjectNode o = recent.get(v);
      if (o == null) {
        o = ObjectStore.decode(kv);
        recent.put(v, o);
      }
      return o;
    }
  }

  /** Renders watch frames as objects or one-row Tables. */
  static final class Renderer {
    private final ResourceDefinition def;
    private final MediaTypes.Rendering rendering;
    private final String tableVersion;
    private final Tables.IncludeObject include;
    private volatile boolean headersSent;

    Renderer(
        ResourceDefinition def,
        MediaTypes.Rendering rendering,
        String tableVersion,
        Tables.IncludeObject include) {
      this.def = def;
      this.rendering = rendering;
      this.tableVersion = tableVersion;
      this.include = include;
    }

    /** Whether frames carry the objects themselves (not Tables or partial metadata). */
    boolean objects() {
      return rendering == MediaTypes.Rendering.OBJECT;
    }

    byte[] frame(String type, ObjectNode o) {
      ObjectNode body =
          switch (rendering) {
            case TABLE -> {
              boolean noHeaders = headersSent;
              headersSent = true;
              yield Tables.table(def, List.of(o), tableVersion, include, noHeaders, null);
            }
            case PARTIAL_METADATA, PARTIAL_METADATA_LIST -> Tables.partial(o, def);
            default -> o;
          };
      return raw(type, body);
    }

    byte[] raw(String type, ObjectNode object) {
      ObjectNode event = Json.MAPPER.createObjectNode();
      event.put("type", type);
      event.set("object", object);
      byte[] json = Json.bytes(event);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      return line;
    }

    byte[] error(ApiException e) {
      return raw("ERROR", Statuses.failure(e));
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

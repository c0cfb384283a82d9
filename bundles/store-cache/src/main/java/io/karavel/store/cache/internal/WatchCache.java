package io.karavel.store.cache.internal;

import io.karavel.store.spi.CompactedException;
import io.karavel.store.spi.ForwardingKeyValueStore;
import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The watch cache: the store the API server binds (service ranking 100, above the stores), in front
 * of the running store. Reads and writes pass through; watches are served from one store watch per
 * resource ({@code /registry/<resource>/}), kept with the newest {@code historyEvents} events, and
 * fanned out to every client watch on that resource, whatever its namespace. A watch from a
 * revision older than the kept history, or below the store's compaction, goes to the store itself
 * (which answers compacted, the API's 410, when it is gone). When the backend switches, this
 * component stops with the old store (its watches end as unavailable) and starts on the new one.
 */
@Component(
    service = KeyValueStore.class,
    configurationPid = WatchCache.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {"karavel.store=cache", "service.ranking:Integer=100"})
@Designate(ocd = WatchCache.Config.class)
public final class WatchCache extends ForwardingKeyValueStore {
  static final String PID = "io.karavel.store.cache";

  /** The configuration of PID {@code io.karavel.store.cache}. */
  @ObjectClassDefinition(
      id = PID,
      name = "Karavel watch cache",
      description = "Serves the API server's watches from one store watch per resource.")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Events kept per resource for watches that start in the past; older starts go to"
                + " the store.")
    int historyEvents() default 1000;
  }

  private final KeyValueStore store;
  private final Map<String, ResourceFeed> feeds = new ConcurrentHashMap<>();
  private volatile int historyEvents;

  @Activate
  public WatchCache(
      @Reference(target = "(&(karavel.store=*)(!(karavel.store=cache)))") KeyValueStore store,
      Config config) {
    this.store = store;
    this.historyEvents = Math.max(1, config.historyEvents());
  }

  /** A new history window applies to feeds started from now on. */
  @Modified
  void modified(Config config) {
    historyEvents = Math.max(1, config.historyEvents());
  }

  @Deactivate
  void deactivate() {
    StoreUnavailableException closing =
        new StoreUnavailableException("the watch cache is stopping");
    for (ResourceFeed f : Map.copyOf(feeds).values()) {
      f.end(closing);
    }
  }

  @Override
  protected KeyValueStore delegate() {
    return store;
  }

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    long start = startRevision == 0 ? store.currentRevision() + 1 : startRevision;
    if (startRevision != 0) {
      long compacted = store.compactRevision();
      if (startRevision < compacted) {
        // Kept here or not, a compacted revision is gone for every client alike.
        throw new CompactedException(startRevision, compacted);
      }
    }
    String feedPrefix = feedPrefix(prefix);
    for (int attempt = 0; attempt < 3; attempt++) {
      ResourceFeed feed = feed(feedPrefix, start);
      Watch w = feed.subscribe(prefix, start, listener);
      if (w != null) {
        return w;
      }
      if (!feed.ended()) {
        break; // older than the kept history: the store serves it
      }
      feeds.remove(feedPrefix, feed); // ended meanwhile: start another
    }
    return store.watch(prefix, start, listener);
  }

  private ResourceFeed feed(String feedPrefix, long start) {
    ResourceFeed feed = feeds.get(feedPrefix);
    if (feed != null) {
      return feed;
    }
    ResourceFeed created =
        ResourceFeed.start(
            store, feedPrefix, start, historyEvents, f -> feeds.remove(feedPrefix, f));
    ResourceFeed raced = feeds.putIfAbsent(feedPrefix, created);
    if (raced != null) {
      created.end(new StoreUnavailableException("superseded by a concurrent start"));
      return raced;
    }
    return created;
  }

  /** {@code /registry/<resource>/} for keys of a resource; other prefixes are their own feed. */
  static String feedPrefix(String prefix) {
    if (prefix.startsWith("/registry/")) {
      int end = prefix.indexOf('/', "/registry/".length());
      if (end > 0) {
        return prefix.substring(0, end + 1);
      }
    }
    return prefix;
  }

  /** For tests: how many client watches the feed of {@code prefix} serves. */
  int subscribers(String prefix) {
    ResourceFeed f = feeds.get(feedPrefix(prefix));
    return f == null ? 0 : f.subscriberCount();
  }
}

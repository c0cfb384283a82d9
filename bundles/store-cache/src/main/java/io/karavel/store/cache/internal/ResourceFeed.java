package io.karavel.store.cache.internal;

import io.karavel.store.spi.KeyValueStore;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One store watch on one resource prefix, fanned out to every client watch under it, with the
 * newest {@code historyEvents} events kept so that watches starting a little in the past are served
 * without another store watch. Events are appended and subscribers added under one lock, so each
 * subscriber gets the replay and then the live events in revision order with no gap or duplicate.
 */
final class ResourceFeed implements WatchListener {
  private final String prefix;
  private final int historyEvents;
  private final Consumer<ResourceFeed> onEnd;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  /** Batches of one revision each, oldest first. */
  private final ArrayDeque<List<WatchEvent>> history = new ArrayDeque<>();

  private int historySize;

  /** Every event at or after this revision is in {@link #history} or still to come. */
  private long coveredFrom;

  /** The newest revision delivered by the store (events or progress). */
  private long lastRevision;

  private Watch storeWatch;
  private boolean ended;

  private ResourceFeed(
      String prefix, long startRevision, int historyEvents, Consumer<ResourceFeed> onEnd) {
    this.prefix = prefix;
    this.historyEvents = historyEvents;
    this.onEnd = onEnd;
    this.coveredFrom = startRevision;
    this.lastRevision = startRevision - 1;
  }

  /** Starts the store watch on {@code prefix} from {@code startRevision} ({@code > 0}). */
  static ResourceFeed start(
      KeyValueStore store,
      String prefix,
      long startRevision,
      int historyEvents,
      Consumer<ResourceFeed> onEnd) {
    ResourceFeed feed = new ResourceFeed(prefix, startRevision, historyEvents, onEnd);
    synchronized (feed) {
      feed.storeWatch = store.watch(prefix, startRevision, feed);
    }
    return feed;
  }

  String prefix() {
    return prefix;
  }

  /**
   * Adds a client watch on {@code keyPrefix} (under this feed's prefix) from {@code startRevision}:
   * replays the kept events from there, then delivers live ones.
   *
   * @return the watch, or null when the history no longer reaches back to {@code startRevision} or
   *     the feed has ended (the caller then watches the store itself)
   */
  synchronized Watch subscribe(String keyPrefix, long startRevision, WatchListener listener) {
    if (ended || startRevision < coveredFrom) {
      return null;
    }
    Subscriber s = new Subscriber(keyPrefix, startRevision, listener);
    for (List<WatchEvent> batch : history) {
      if (batch.get(0).revision() >= startRevision) {
        s.deliver(batch);
      }
    }
    subscribers.add(s);
    return s;
  }

  @Override
  public synchronized void onEvents(List<WatchEvent> events) {
    if (ended || events.isEmpty()) {
      return;
    }
    // Split by revision: the history is trimmed a whole revision at a time.
    List<WatchEvent> batch = new ArrayList<>();
    for (WatchEvent e : events) {
      if (!batch.isEmpty() && batch.get(0).revision() != e.revision()) {
        append(batch);
        batch = new ArrayList<>();
      }
      batch.add(e);
    }
    append(batch);
  }

  private void append(List<WatchEvent> batch) {
    List<WatchEvent> kept = List.copyOf(batch);
    lastRevision = kept.get(0).revision();
    history.addLast(kept);
    historySize += kept.size();
    while (historySize > historyEvents && history.size() > 1) {
      List<WatchEvent> dropped = history.removeFirst();
      historySize -= dropped.size();
      coveredFrom = dropped.get(0).revision() + 1;
    }
    for (Subscriber s : subscribers) {
      s.deliver(kept);
    }
  }

  @Override
  public synchronized void onProgress(long revision) {
    if (ended) {
      return;
    }
    lastRevision = Math.max(lastRevision, revision);
    for (Subscriber s : subscribers) {
      s.listener.onProgress(revision);
    }
  }

  @Override
  public void onError(StoreException error) {
    end(error);
  }

  /** Ends the feed: every client watch gets {@code error}, and the store watch is closed. */
  void end(StoreException error) {
    List<Subscriber> ending;
    Watch w;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      ending = List.copyOf(subscribers);
      subscribers.clear();
      history.clear();
      w = storeWatch;
    }
    onEnd.accept(this);
    for (Subscriber s : ending) {
      s.listener.onError(error);
    }
    if (w != null) {
      w.close();
    }
  }

  synchronized boolean ended() {
    return ended;
  }

  synchronized int subscriberCount() {
    return subscribers.size();
  }

  synchronized long coveredFrom() {
    return coveredFrom;
  }

  /** One client watch: its key prefix, start revision and listener. */
  private final class Subscriber implements Watch {
    private final String keyPrefix;
    private final long startRevision;
    private final WatchListener listener;

    Subscriber(String keyPrefix, long startRevision, WatchListener listener) {
      this.keyPrefix = keyPrefix;
      this.startRevision = startRevision;
      this.listener = listener;
    }

    /** Called with the feed's lock held: never concurrently for one subscriber. */
    void deliver(List<WatchEvent> batch) {
      if (batch.get(0).revision() < startRevision) {
        return;
      }
      List<WatchEvent> mine = batch;
      if (!keyPrefix.equals(prefix)) {
        mine = batch.stream().filter(e -> e.kv().key().startsWith(keyPrefix)).toList();
      }
      if (!mine.isEmpty()) {
        listener.onEvents(mine);
      }
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}

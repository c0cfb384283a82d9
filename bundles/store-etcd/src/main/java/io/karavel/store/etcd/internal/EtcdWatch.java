package io.karavel.store.etcd.internal;

import io.etcd.jetcd.Watch.Listener;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.watch.WatchResponse;
import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.StoreException;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import io.karavel.store.spi.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SPI watch on one etcd watch stream. jetcd calls back on a Vert.x event loop; the SPI listener
 * is called from a dispatch pool instead, one call at a time and in order, so a slow or blocking
 * listener never stalls the connection that all requests share.
 *
 * <p>jetcd resumes a broken stream by itself, but from a revision that can skip or repeat events.
 * So the first error ends the watch for good and the SPI listener hears {@link
 * WatchListener#onError} once; the API server then ends its HTTP watch and the client re-watches
 * from its last resourceVersion, as with kube-apiserver.
 */
final class EtcdWatch implements Watch, Listener {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);

  /** Undelivered calls after which a listener counts as too far behind. */
  static final int MAX_PENDING_CALLS = 10_000;

  private final long startRevision;
  private final WatchListener listener;
  private final Executor dispatch;
  private final Function<Throwable, StoreException> translate;
  private final Consumer<EtcdWatch> onEnd;

  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean closed;
  private volatile Watcher watcher;

  /** The newest revision handed to the listener; only the jetcd callback thread writes it. */
  private volatile long lastRevision;

  EtcdWatch(
      long startRevision,
      WatchListener listener,
      Executor dispatch,
      Function<Throwable, StoreException> translate,
      Consumer<EtcdWatch> onEnd) {
    this.startRevision = startRevision;
    this.listener = listener;
    this.dispatch = dispatch;
    this.translate = translate;
    this.onEnd = onEnd;
  }

  /** Attaches the jetcd watcher created with this object as its listener. */
  void attach(Watcher w) {
    watcher = w;
    if (closed) {
      w.close();
    }
  }

  long startRevision() {
    return startRevision;
  }

  // ------------------------------------------------------------ jetcd callbacks

  @Override
  public void onNext(WatchResponse response) {
    if (ended.get()) {
      return;
    }
    if (pendingCount.get() >= MAX_PENDING_CALLS) {
      end(
          new StoreUnavailableException(
              "the watch listener fell "
                  + MAX_PENDING_CALLS
                  + " deliveries behind; the watch is ended"));
      return;
    }
    if (response.isProgressNotify()) {
      long revision = response.getHeader().getRevision();
      if (revision > lastRevision) {
        enqueue(() -> listener.onProgress(revision));
      }
      return;
    }
    List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
    long newest = lastRevision;
    for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
      WatchEvent event = toEvent(e);
      // Never repeat a revision, whatever the stream does (events of one revision come together).
      if (event != null && event.revision() > lastRevision) {
        events.add(event);
        newest = Math.max(newest, event.revision());
      }
    }
    if (!events.isEmpty()) {
      lastRevision = newest;
      List<WatchEvent> batch = List.copyOf(events);
      enqueue(() -> listener.onEvents(batch));
    }
  }

  @Override
  public void onError(Throwable error) {
    end(translate.apply(error));
  }

  @Override
  public void onCompleted() {
    // jetcd calls this after close() too; then the watch has already ended.
    end(new StoreUnavailableException("etcd ended the watch stream"));
  }

  // ------------------------------------------------------------ SPI

  @Override
  public void close() {
    closed = true;
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(this);
    }
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    pending.clear();
  }

  /**
   * Ends the watch with {@code error}: what is queued is still delivered, then {@code onError},
   * then nothing. Does nothing if the watch has ended already.
   */
  void end(StoreException error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    onEnd.accept(this);
    enqueue(() -> listener.onError(error));
    // Not inline: jetcd calls onError while it still holds its stream, and closes it itself.
    enqueue(this::closeWatcher);
  }

  private void closeWatcher() {
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
  }

  // ------------------------------------------------------------ serial dispatch

  private void enqueue(Runnable call) {
    pendingCount.incrementAndGet();
    pending.add(call);
    schedule();
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      try {
        dispatch.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The store is closing and no longer delivers.
        draining.set(false);
        pending.clear();
      }
    }
  }

  private void drain() {
    try {
      Runnable call;
      while ((call = pending.poll()) != null) {
        pendingCount.decrementAndGet();
        if (closed) {
          continue;
        }
        try {
          call.run();
        } catch (RuntimeException e) {
          LOG.warn("a watch listener failed; the watch goes on", e);
        }
      }
    } finally {
      draining.set(false);
    }
    if (!pending.isEmpty()) {
      schedule();
    }
  }

  // ------------------------------------------------------------ conversion

  private static WatchEvent toEvent(io.etcd.jetcd.watch.WatchEvent e) {
    KeyValue prev = JetcdStore.toSpiOrNull(e.getPrevKV());
    return switch (e.getEventType()) {
      case PUT -> new WatchEvent(WatchEvent.Type.PUT, JetcdStore.toSpi(e.getKeyValue()), prev);
      case DELETE -> {
        io.etcd.jetcd.KeyValue kv = e.getKeyValue();
        yield new WatchEvent(
            WatchEvent.Type.DELETE,
            new KeyValue(JetcdStore.keyOf(kv), new byte[0], 0, kv.getModRevision(), 0),
            prev);
      }
      default -> null;
    };
  }
}

package io.karavel.store.etcd.internal;

import io.etcd.jetcd.Client;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the event loops of the Vert.x instance inside a closed jetcd client to stop. jetcd
 * starts Vert.x's shutdown but does not wait for it, and its threads would otherwise outlive the
 * bundle for a moment (Karaf then logs "bundle wiring no longer valid"). jetcd does not expose the
 * instance, so it is read from jetcd's internals; jetcd is nested and pinned with this bundle.
 */
final class VertxThreads {
  private static final Logger LOG = LoggerFactory.getLogger(VertxThreads.class);

  private VertxThreads() {}

  static void awaitStopped(Client client, Duration wait) {
    Vertx vertx;
    try {
      Object manager = field(client, "connectionManager");
      vertx = (Vertx) field(manager, "vertx");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("cannot reach jetcd's Vert.x to await its shutdown", e);
      return;
    }
    if (vertx == null) {
      return; // never connected
    }
    if (!(vertx instanceof VertxInternal internal)) {
      return;
    }
    // jetcd's close() has begun Vert.x's shutdown, which ends with the event loop groups.
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      for (var group :
          List.of(internal.getAcceptorEventLoopGroup(), internal.getEventLoopGroup())) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!group.terminationFuture().await(left, TimeUnit.NANOSECONDS)) {
          LOG.warn("jetcd's Vert.x event loops did not stop within {}", wait);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }
}

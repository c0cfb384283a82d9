package io.karavel.store.spi;

import java.util.List;

/**
 * Receives the events of one watch. Calls for one watch are never concurrent and come in revision
 * order, without gaps or duplicates. Implementations must return quickly; a store may end a watch
 * whose listener falls too far behind with {@link #onError}.
 */
public interface WatchListener {

  /** Events in revision order; events of one revision are delivered in one call. */
  void onEvents(List<WatchEvent> events);

  /**
   * The watch has ended with an error (for example {@link CompactedException} when the start
   * revision is no longer kept, or {@link StoreUnavailableException}). No further calls follow.
   */
  void onError(StoreException error);

  /**
   * A progress notification: every change up to {@code revision} has been delivered. Used for
   * bookmarks. Optional for stores; the default ignores it.
   */
  default void onProgress(long revision) {}
}

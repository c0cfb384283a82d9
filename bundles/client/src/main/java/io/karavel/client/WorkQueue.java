package io.karavel.client;

import io.karavel.client.internal.RateLimitingQueue;
import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A rate-limited, deduplicating work queue with client-go's workqueue semantics.
 *
 * <ul>
 *   <li>A key added while it is already waiting is collapsed into the waiting entry.
 *   <li>A key is never handed to two workers at once: a key added while a worker processes it waits
 *       until that worker calls {@link #done} and is then queued again.
 *   <li>{@link #addRateLimited} delays the key by what the {@link RateLimiter} says; {@link
 *       #forget} clears that history once the key was processed successfully.
 * </ul>
 *
 * <p>A worker loop reads {@code while ((key = queue.get()).isPresent()) { try { ... } finally {
 * queue.done(key.get()); } }}. All methods are thread-safe.
 */
@ProviderType
public interface WorkQueue<K> {

  /** Queues {@code key} unless it is already waiting; ignored after {@link #shutDown}. */
  void add(K key);

  /**
   * Queues {@code key} once {@code delay} has passed. While a key waits for its delay, a second
   * call with an earlier ready time moves it forward and one with a later time is ignored.
   */
  void addAfter(K key, Duration delay);

  /** Queues {@code key} after the delay the rate limiter assigns to it now. */
  void addRateLimited(K key);

  /**
   * Clears the rate limiter's failure history for {@code key}; does not remove it from the queue.
   */
  void forget(K key);

  /** How many times {@code key} was rate limited since it was last forgotten. */
  int numRequeues(K key);

  /**
   * Blocks until a key is ready and marks it as being processed.
   *
   * @return the key, or empty once the queue is shut down and, for a draining shutdown, empty
   */
  Optional<K> get() throws InterruptedException;

  /**
   * Marks the processing of {@code key} as finished; queues it again if it was re-added meanwhile.
   */
  void done(K key);

  /** Number of keys ready to be handed out (not counting delayed or in-process keys). */
  int len();

  /**
   * Stops the queue: new and delayed keys are dropped, keys already queued are still handed out,
   * after which {@link #get} returns empty at once (blocked workers are released).
   */
  void shutDown();

  /**
   * Stops the queue like {@link #shutDown}, then waits until every key handed out has been marked
   * {@link #done}.
   */
  void shutDownWithDrain() throws InterruptedException;

  /** Whether {@link #shutDown} was called. */
  boolean isShuttingDown();

  /**
   * A queue with client-go's default controller rate limiter: per key exponential backoff from 5 ms
   * doubling up to 1000 s, combined with an overall token bucket of 10 qps and burst 100.
   *
   * @param name names the queue's delay thread
   */
  static <K> WorkQueue<K> create(String name) {
    return new RateLimitingQueue<>(name, RateLimiter.defaultControllerRateLimiter());
  }

  /** A queue with the given rate limiter. */
  static <K> WorkQueue<K> create(String name, RateLimiter<K> rateLimiter) {
    return new RateLimitingQueue<>(name, rateLimiter);
  }
}

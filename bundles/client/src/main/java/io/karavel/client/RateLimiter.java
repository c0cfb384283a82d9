package io.karavel.client;

import io.karavel.client.internal.ItemExponentialFailureRateLimiter;
import io.karavel.client.internal.MaxOfRateLimiter;
import io.karavel.client.internal.TokenBucketRateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * Decides how long a key re-queued after a failure waits, as client-go's workqueue rate limiters
 * do. Implementations are thread-safe.
 */
public interface RateLimiter<K> {

  /** Base delay of {@link #defaultControllerRateLimiter()}'s per-key backoff. */
  Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);

  /** Maximum delay of {@link #defaultControllerRateLimiter()}'s per-key backoff. */
  Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

  /** Overall rate of {@link #defaultControllerRateLimiter()}'s token bucket, in keys per second. */
  double DEFAULT_QPS = 10;

  /** Burst of {@link #defaultControllerRateLimiter()}'s token bucket. */
  int DEFAULT_BURST = 100;

  /** The delay for {@code key} now; counts as one more failure of {@code key}. */
  Duration when(K key);

  /** Forgets the failures of {@code key}. */
  void forget(K key);

  /** Failures of {@code key} since it was last forgotten. */
  int numRequeues(K key);

  /** client-go's DefaultControllerRateLimiter: the larger of per-key backoff and token bucket. */
  static <K> RateLimiter<K> defaultControllerRateLimiter() {
    return maxOf(
        itemExponentialFailure(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY),
        tokenBucket(DEFAULT_QPS, DEFAULT_BURST));
  }

  /** Per-key backoff: {@code base * 2^failures}, capped at {@code max}. */
  static <K> RateLimiter<K> itemExponentialFailure(Duration base, Duration max) {
    return new ItemExponentialFailureRateLimiter<>(base, max);
  }

  /**
   * An overall token bucket shared by all keys: {@code burst} keys pass at once, then {@code qps}
   * keys per second. It keeps no per-key state.
   */
  static <K> RateLimiter<K> tokenBucket(double qps, int burst) {
    return new TokenBucketRateLimiter<>(qps, burst, System::nanoTime);
  }

  /** The longest delay of the given limiters; forgetting forgets in all of them. */
  @SafeVarargs
  static <K> RateLimiter<K> maxOf(RateLimiter<K>... limiters) {
    return new MaxOfRateLimiter<>(List.of(limiters));
  }
}

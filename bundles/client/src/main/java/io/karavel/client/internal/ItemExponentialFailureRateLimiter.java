package io.karavel.client.internal;

import io.karavel.client.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key exponential backoff: {@code base * 2^failures}, capped at {@code max}. */
public final class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {
  private final long baseNanos;
  private final long maxNanos;
  private final ConcurrentHashMap<K, Integer> failures = new ConcurrentHashMap<>();

  public ItemExponentialFailureRateLimiter(Duration base, Duration max) {
    if (base.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative: " + base + ", " + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  @Override
  public Duration when(K key) {
    int exponent = failures.merge(Objects.requireNonNull(key, "key"), 1, Integer::sum) - 1;
    // Computed in floating point so that a long history saturates at max instead of overflowing.
    double backoff = baseNanos * Math.pow(2, exponent);
    return Duration.ofNanos(backoff >= maxNanos ? maxNanos : (long) backoff);
  }

  @Override
  public void forget(K key) {
    failures.remove(key);
  }

  @Override
  public int numRequeues(K key) {
    return failures.getOrDefault(key, 0);
  }
}

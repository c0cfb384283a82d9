package io.karavel.client.internal;

import io.karavel.client.RateLimiter;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * An overall token bucket: starts full with {@code burst} tokens and refills at {@code qps}. Each
 * {@link #when} reserves one token; when none is left the reservation is taken on credit and the
 * delay is the time until that token will have been refilled (like golang.org/x/time/rate's
 * Reserve, which client-go's BucketRateLimiter uses).
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double qps;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private double tokens;
  private long last;

  public TokenBucketRateLimiter(double qps, int burst, LongSupplier nanoClock) {
    if (!(qps > 0) || burst < 1) {
      throw new IllegalArgumentException("qps must be > 0 and burst >= 1: " + qps + ", " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.last = nanoClock.getAsLong();
  }

  @Override
  public Duration when(K key) {
    lock.lock();
    try {
      long now = nanoClock.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) / NANOS_PER_SECOND * qps);
      last = now;
      tokens -= 1;
      if (tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil(-tokens * NANOS_PER_SECOND / qps));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void forget(K key) {
    // The bucket is shared by all keys; there is nothing to forget per key.
  }

  @Override
  public int numRequeues(K key) {
    return 0;
  }
}

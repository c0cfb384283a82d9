package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.client.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void exponentialBackoffDoublesPerKeyAndSaturates() {
    RateLimiter<String> limiter =
        RateLimiter.itemExponentialFailure(Duration.ofMillis(5), Duration.ofMillis(100));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.when("b")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(40));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(80));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(100));
    for (int i = 0; i < 2000; i++) {
      limiter.when("a");
    }
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.numRequeues("a")).isEqualTo(2007);
    assertThat(limiter.numRequeues("b")).isEqualTo(1);

    limiter.forget("a");
    assertThat(limiter.numRequeues("a")).isZero();
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void tokenBucketAllowsBurstThenSpacesByQps() {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    RateLimiter<String> bucket = new TokenBucketRateLimiter<>(10, 3, clock::get);
    assertThat(bucket.when("a")).isZero();
    assertThat(bucket.when("b")).isZero();
    assertThat(bucket.when("c")).isZero();
    // Empty: reservations are taken on credit, 100 ms apart at 10 qps.
    assertThat(bucket.when("d")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.when("e")).isEqualTo(Duration.ofMillis(200));

    clock.addAndGet(Duration.ofMillis(250).toNanos());
    // 2.5 tokens refilled against 2 owed: half a token left, so the next one waits 50 ms.
    assertThat(bucket.when("f")).isEqualTo(Duration.ofMillis(50));

    clock.addAndGet(Duration.ofSeconds(60).toNanos());
    // Refill is capped at the burst.
    assertThat(bucket.when("g")).isZero();
    assertThat(bucket.when("h")).isZero();
    assertThat(bucket.when("i")).isZero();
    assertThat(bucket.when("j")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.numRequeues("j")).isZero();
  }

  @Test
  void maxOfTakesTheLongestDelayAndForgetsEverywhere() {
    AtomicLong clock = new AtomicLong();
    RateLimiter<String> limiter =
        new MaxOfRateLimiter<>(
            List.of(
                new ItemExponentialFailureRateLimiter<>(
                    Duration.ofMillis(5), Duration.ofSeconds(1)),
                new TokenBucketRateLimiter<>(10, 2, clock::get)));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    // Bucket exhausted: its 100 ms beat the key's 20 ms backoff.
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.numRequeues("a")).isEqualTo(3);
    limiter.forget("a");
    assertThat(limiter.numRequeues("a")).isZero();
  }

  @Test
  void defaultControllerRateLimiterStartsAtFiveMillis() {
    RateLimiter<String> limiter = RateLimiter.defaultControllerRateLimiter();
    assertThat(limiter.when("x")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("x")).isEqualTo(Duration.ofMillis(10));
    for (int i = 0; i < 40; i++) {
      limiter.when("x");
    }
    assertThat(limiter.when("x")).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new TokenBucketRateLimiter<String>(0, 1, System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.<String>maxOf())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

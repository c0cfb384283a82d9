package io.karavel.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The lease to compete for and the election's timing. The defaults are client-go's and
 * kube-controller-manager's: lease 15 s, renew deadline 10 s, retry period 2 s.
 *
 * @param namespace namespace of the Lease
 * @param name name of the Lease (the lock)
 * @param identity this candidate's holder identity, unique among the candidates
 * @param leaseDuration how long others wait after the last renewal before taking over
 * @param renewDeadline how long the leader keeps retrying a failed renewal before giving up
 * @param retryPeriod pause between two attempts to acquire or renew
 */
public record LeaderElectionSettings(
    String namespace,
    String name,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
  public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

  /** client-go's JitterFactor: retries are spread over up to 1.2 times the retry period. */
  public static final double JITTER_FACTOR = 1.2;

  /** Checks the invariants client-go's NewLeaderElector checks. */
  public LeaderElectionSettings {
    requireText(namespace, "namespace");
    requireText(name, "name");
    requireText(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
    }
    if (renewDeadline.toNanos() <= JITTER_FACTOR * retryPeriod.toNanos()) {
      throw new IllegalArgumentException(
          "renewDeadline must be greater than retryPeriod*" + JITTER_FACTOR);
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be positive");
    }
  }

  /** Settings with the default timing. */
  public static LeaderElectionSettings of(String namespace, String name, String identity) {
    return new LeaderElectionSettings(
        namespace,
        name,
        identity,
        DEFAULT_LEASE_DURATION,
        DEFAULT_RENEW_DEADLINE,
        DEFAULT_RETRY_PERIOD);
  }

  /** The same lease and identity with another timing. */
  public LeaderElectionSettings withTiming(
      Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    return new LeaderElectionSettings(
        namespace, name, identity, leaseDuration, renewDeadline, retryPeriod);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}

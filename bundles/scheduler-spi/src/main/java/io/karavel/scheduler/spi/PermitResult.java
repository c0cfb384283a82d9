package io.karavel.scheduler.spi;

import java.time.Duration;

/**
 * What a Permit plugin returns.
 *
 * @param status success to allow, wait to hold the pod, any other code to reject
 * @param timeout for wait: how long the pod may wait before it is rejected
 */
public record PermitResult(Status status, Duration timeout) {

  private static final PermitResult ALLOW = new PermitResult(Status.success(), Duration.ZERO);

  public static PermitResult allow() {
    return ALLOW;
  }

  public static PermitResult waitFor(Duration timeout) {
    return new PermitResult(Status.of(Code.WAIT), timeout);
  }

  public static PermitResult reject(Status status) {
    return new PermitResult(status, Duration.ZERO);
  }
}

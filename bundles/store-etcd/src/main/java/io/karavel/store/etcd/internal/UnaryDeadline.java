package io.karavel.store.etcd.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary etcd call (range, txn, compact) a gRPC deadline, so that a request to an
 * unreachable cluster is cancelled on the wire rather than left waiting for a connection. Watch
 * streams are long-lived and get none.
 */
final class UnaryDeadline implements ClientInterceptor {
  private final long timeoutNanos;

  UnaryDeadline(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    CallOptions effective =
        method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null
            ? options.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS)
            : options;
    return next.newCall(method, effective);
  }
}

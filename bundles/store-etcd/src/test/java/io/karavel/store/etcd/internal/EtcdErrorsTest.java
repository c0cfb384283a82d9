package io.karavel.store.etcd.internal;

import static io.etcd.jetcd.common.exception.EtcdExceptionFactory.newCompactedException;
import static io.etcd.jetcd.common.exception.EtcdExceptionFactory.newEtcdException;
import static io.etcd.jetcd.common.exception.EtcdExceptionFactory.toEtcdException;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.grpc.Status;
import io.karavel.store.etcd.internal.EtcdErrors.Kind;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** etcd's errors as the SPI sees them, spelled as etcd 3.4 sends them. */
class EtcdErrorsTest {

  @Test
  void etcdsRevisionErrorsAreRecognised() {
    assertThat(
            EtcdErrors.kind(
                newEtcdException(
                    ErrorCode.OUT_OF_RANGE,
                    "etcdserver: mvcc: required revision has been compacted")))
        .isEqualTo(Kind.COMPACTED);
    assertThat(EtcdErrors.kind(newCompactedException(42))).isEqualTo(Kind.COMPACTED);
    assertThat(
            EtcdErrors.kind(
                newEtcdException(
                    ErrorCode.OUT_OF_RANGE,
                    "etcdserver: mvcc: required revision is a future revision")))
        .isEqualTo(Kind.FUTURE_REVISION);
  }

  @Test
  void bothSizeLimitsAreTooLarge() {
    assertThat(
            EtcdErrors.kind(
                newEtcdException(ErrorCode.INVALID_ARGUMENT, "etcdserver: request is too large")))
        .isEqualTo(Kind.TOO_LARGE);
    assertThat(
            EtcdErrors.kind(
                Status.RESOURCE_EXHAUSTED
                    .withDescription("grpc: received message larger than max (3146000 vs. 2097152)")
                    .asRuntimeException()))
        .isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void transientFailuresAreUnavailable() {
    assertThat(EtcdErrors.kind(newEtcdException(ErrorCode.UNAVAILABLE, "etcdserver: no leader")))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(EtcdErrors.kind(toEtcdException(Status.DEADLINE_EXCEEDED)))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(
            EtcdErrors.kind(
                newEtcdException(
                    ErrorCode.RESOURCE_EXHAUSTED, "etcdserver: mvcc: database space exceeded")))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(EtcdErrors.kind(new ClosedClientException("Watch Client has been closed")))
        .isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void everythingElseIsOtherAndWrappersAreLookedThrough() {
    assertThat(
            EtcdErrors.kind(
                newEtcdException(ErrorCode.PERMISSION_DENIED, "etcdserver: permission denied")))
        .isEqualTo(Kind.OTHER);
    assertThat(EtcdErrors.kind(new IllegalStateException("bug"))).isEqualTo(Kind.OTHER);
    Exception wrapped =
        new ExecutionException(
            new CompletionException(
                newEtcdException(ErrorCode.INVALID_ARGUMENT, "etcdserver: request is too large")));
    assertThat(EtcdErrors.kind(wrapped)).isEqualTo(Kind.TOO_LARGE);
    assertThat(EtcdErrors.describe(wrapped)).isEqualTo("etcdserver: request is too large");
  }
}

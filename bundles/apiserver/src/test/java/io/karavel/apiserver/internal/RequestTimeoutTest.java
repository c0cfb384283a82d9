package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestTimeoutTest {

  private static final Duration MAX = Duration.ofSeconds(60);

  @Test
  void goDurationsAsKubectlSendsThem() {
    assertThat(RequestTimeout.parseGoDuration("32s")).isEqualTo(Duration.ofSeconds(32));
    assertThat(RequestTimeout.parseGoDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RequestTimeout.parseGoDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
    assertThat(RequestTimeout.parseGoDuration("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(RequestTimeout.parseGoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(RequestTimeout.parseGoDuration("0")).isEqualTo(Duration.ZERO);
    assertThat(RequestTimeout.parseGoDuration("-2s")).isEqualTo(Duration.ofSeconds(-2));
  }

  @Test
  void invalidDurationsAreRefused() {
    assertThat(RequestTimeout.parseGoDuration("")).isNull();
    assertThat(RequestTimeout.parseGoDuration("10")).isNull();
    assertThat(RequestTimeout.parseGoDuration("5x")).isNull();
    assertThat(RequestTimeout.parseGoDuration("s")).isNull();
    assertThat(RequestTimeout.parseGoDuration("5s junk")).isNull();
    assertThatThrownBy(() -> RequestTimeout.of("soon", MAX))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage()).contains("invalid timeout");
            });
  }

  @Test
  void theServerLimitCapsTheClientTimeout() {
    assertThat(RequestTimeout.of(null, MAX)).isEqualTo(MAX);
    assertThat(RequestTimeout.of("5s", MAX)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RequestTimeout.of("10m", MAX)).isEqualTo(MAX);
    assertThat(RequestTimeout.of("0s", MAX)).isEqualTo(MAX);
  }

  @Test
  void streamsAreLongRunning() {
    assertThat(RequestTimeout.longRunning(RequestInfo.parse("GET", "/api/v1/pods", true))).isTrue();
    assertThat(
            RequestTimeout.longRunning(
                RequestInfo.parse("GET", "/api/v1/namespaces/a/pods/p/log", false)))
        .isTrue();
    assertThat(
            RequestTimeout.longRunning(
                RequestInfo.parse("GET", "/api/v1/namespaces/a/pods/p/status", false)))
        .isFalse();
    assertThat(RequestTimeout.longRunning(RequestInfo.parse("GET", "/api/v1/pods", false)))
        .isFalse();
  }
}

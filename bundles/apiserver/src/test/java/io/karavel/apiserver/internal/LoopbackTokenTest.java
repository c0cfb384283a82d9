package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.auth.UserInfo;
import org.junit.jupiter.api.Test;

class LoopbackTokenTest {

  @Test
  void tokensAreLongRandomAndBase64Url() {
    LoopbackToken a = LoopbackToken.generate();
    LoopbackToken b = LoopbackToken.generate();
    assertThat(a.token()).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, no padding
    assertThat(a.token()).isNotEqualTo(b.token());
    assertThat(a.toString()).doesNotContain(a.token());
  }

  @Test
  void onlyTheExactBearerTokenIsTheLoopbackUser() {
    LoopbackToken t = LoopbackToken.generate();
    UserInfo user = t.authenticate("Bearer " + t.token());
    assertThat(user).isNotNull();
    assertThat(user.name()).isEqualTo("system:apiserver");
    assertThat(user.groups()).containsExactly("system:authenticated", "system:masters");
    assertThat(user.uid()).isNotEmpty();
    assertThat(t.authenticate("bearer " + t.token())).isSameAs(user);

    assertThat(t.authenticate(null)).isNull();
    assertThat(t.authenticate("Bearer ")).isNull();
    assertThat(t.authenticate("Basic " + t.token())).isNull();
    assertThat(t.authenticate("Bearer " + t.token() + "x")).isNull();
    assertThat(t.authenticate("Bearer " + t.token().substring(1))).isNull();
    assertThat(t.authenticate("Bearer " + LoopbackToken.generate().token())).isNull();
  }
}

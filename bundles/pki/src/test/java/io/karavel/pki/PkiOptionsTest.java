package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiOptionsTest {

  @Test
  void mixedSansAreSplitIntoDnsNamesAndIpAddresses() {
    PkiOptions options =
        PkiOptions.defaults()
            .withExtraSans(List.of("api.example.test", " 10.0.0.1 ", "", "fd00::1", "node-10"));

    assertThat(options.extraDnsNames()).containsExactly("api.example.test", "node-10");
    assertThat(options.extraIpAddresses()).containsExactly("10.0.0.1", "fd00::1");
  }

  @Test
  void validitiesMustBePositive() {
    assertThatThrownBy(() -> PkiOptions.defaults().withLeafValidity(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PkiOptions.defaults().withCaValidity(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

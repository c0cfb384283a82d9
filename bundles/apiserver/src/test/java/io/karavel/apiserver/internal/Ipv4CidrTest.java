package io.karavel.apiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

  @Test
  void theDefaultServiceRange() {
    Ipv4Cidr c = Ipv4Cidr.parse("10.96.0.0/12");
    assertThat(c.size()).isEqualTo(1L << 20);
    assertThat(c.address(1)).isEqualTo("10.96.0.1");
    assertThat(c.address(c.size() - 2)).isEqualTo("10.111.255.254");
    assertThat(c).hasToString("10.96.0.0/12");
  }

  @Test
  void hostBitsAreMaskedOff() {
    assertThat(Ipv4Cidr.parse("192.168.7.99/24")).hasToString("192.168.7.0/24");
  }

  @ParameterizedTest
  @CsvSource({
    "10.96.0.1, true",
    "10.111.255.254, true",
    "10.96.0.0, false", // the network address
    "10.111.255.255, false", // the broadcast address
    "10.112.0.1, false",
    "10.95.255.255, false",
    "192.168.7.7, false",
    "10.96.0, false",
    "10.96.0.256, false",
    "10.96.0.01x, false",
    "None, false",
    "'', false"
  })
  void membership(String ip, boolean member) {
    assertThat(Ipv4Cidr.parse("10.96.0.0/12").contains(ip)).isEqualTo(member);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.96.0.0", "10.96.0.0/0", "10.96.0.0/31", "10.96.0/12", "a/b", "::1/64"})
  void rejectsWhatIsNotAnIpv4Cidr(String cidr) {
    assertThatThrownBy(() -> Ipv4Cidr.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodePortRanges() {
    ServiceAllocator.Ranges r = ServiceAllocator.Ranges.parse("10.96.0.0/12", "30000-32767");
    assertThat(r.nodePortMin()).isEqualTo(30000);
    assertThat(r.nodePortMax()).isEqualTo(32767);
    assertThat(r.firstIp()).isEqualTo("10.96.0.1");
    assertThat(ServiceAllocator.Ranges.parse("10.0.0.0/24", "31000").nodePortMax())
        .isEqualTo(31000);
    for (String bad : new String[] {"32767-30000", "0-10", "30000-70000", "x-y"}) {
      assertThatThrownBy(() -> ServiceAllocator.Ranges.parse("10.96.0.0/12", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}

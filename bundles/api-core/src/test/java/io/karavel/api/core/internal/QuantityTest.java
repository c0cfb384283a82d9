package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "1, 1",
    "1000, 1k",
    "1024, 1024",
    "1000m, 1",
    "1500m, 1500m",
    "0.5, 500m",
    "0.1, 100m",
    ".5, 500m",
    "5., 5",
    "+3, 3",
    "-1500m, -1500m",
    "100Mi, 100Mi",
    "1.5Gi, 1536Mi",
    "1Ki, 1Ki",
    "0.5Ki, 512",
    "2048Ki, 2Mi",
    "1e3, 1e3",
    "1E3, 1e3",
    "1.5e3, 1500",
    "129e6, 129e6",
    "1E, 1E",
    "12M, 12M",
    "1n, 1n",
    "0.1n, 1n",
    "1u, 1u",
    "10000000000, 10G",
    "128974848, 128974848",
  })
  void canonicalForm(String text, String canonical) {
    assertThat(Quantity.parse(text).canonical()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "'', quantities must match",
    "1Kb, quantities must match",
    "abc, quantities must match",
    "1.2.3, quantities must match",
    "1K, unable to parse quantity's suffix",
    "1e, unable to parse quantity's suffix",
    "1mi, unable to parse quantity's suffix",
  })
  void rejects(String text, String message) {
    assertThatThrownBy(() -> Quantity.parse(text))
        .isInstanceOf(Quantity.FormatException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({"1, 1000m, 0", "1Gi, 1G, 1", "500m, 0.6, -1", "1e3, 1k, 0"})
  void comparesByValue(String a, String b, int sign) {
    assertThat(Integer.signum(Quantity.parse(a).compareTo(Quantity.parse(b)))).isEqualTo(sign);
  }

  @ParameterizedTest(name = "cpu {0} -> {1}")
  @CsvSource({"0.0001, 1m", "1.0005, 1001m", "250m, 250m"})
  void cpuRoundsUpToMilli(String text, String canonical) {
    assertThat(Quantity.parse(text).roundUpToMilli().canonical()).isEqualTo(canonical);
  }
}

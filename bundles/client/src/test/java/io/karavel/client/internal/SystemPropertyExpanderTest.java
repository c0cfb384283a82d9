package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPropertyExpanderTest {
  private final Map<String, String> properties =
      Map.of("karaf.data", "/opt/karavel/data", "karaf.home", "/opt/karavel");

  @Test
  void expandsKnownPlaceholders() {
    assertThat(SystemPropertyExpander.expand("${karaf.data}/admin.kubeconfig", properties::get))
        .isEqualTo("/opt/karavel/data/admin.kubeconfig");
    assertThat(SystemPropertyExpander.expand("${karaf.home}/etc/${karaf.data}", properties::get))
        .isEqualTo("/opt/karavel/etc//opt/karavel/data");
  }

  @Test
  void leavesUnknownPlaceholdersAndPlainTextAlone() {
    assertThat(SystemPropertyExpander.expand("${nope}/x", properties::get)).isEqualTo("${nope}/x");
    assertThat(SystemPropertyExpander.expand("/etc/kube$config", properties::get))
        .isEqualTo("/etc/kube$config");
  }
}

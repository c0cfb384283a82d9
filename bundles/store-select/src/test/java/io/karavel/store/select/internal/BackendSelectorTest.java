package io.karavel.store.select.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.store.spi.conformance.ComponentConfig;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

  @Test
  void takesTheConfiguredBackend() {
    BackendSelector selector = new BackendSelector();
    selector.configure(ComponentConfig.of(BackendSelector.Config.class, Map.of()));
    assertThat(selector.name()).isEqualTo("embedded");
    selector.configure(
        ComponentConfig.of(BackendSelector.Config.class, Map.of("backend", " etcd ")));
    assertThat(selector.name()).isEqualTo("etcd");
    selector.configure(
        ComponentConfig.of(BackendSelector.Config.class, Map.of("backend", "zookeeper")));
    assertThat(selector.name()).isEqualTo("zookeeper");
  }

  @Test
  void theShippedCfgFileListsEveryKeyAtItsDefault() throws Exception {
    Path cfg = Path.of("../../config/io.karavel.store.cfg");
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^#?(\\w+) =[ ]?(.*)$").matcher(Files.readString(cfg, UTF_8));
    while (m.find()) {
      documented.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Method method : BackendSelector.Config.class.getDeclaredMethods()) {
      defaults.put(method.getName(), String.valueOf(method.getDefaultValue()));
    }
    assertThat(documented).isEqualTo(defaults);
  }
}

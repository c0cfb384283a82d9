package io.karavel.store.spi.conformance;

import java.lang.reflect.Proxy;
import java.util.Map;

/** For store component tests: a DS configuration annotation instance built without SCR. */
public final class ComponentConfig {
  private ComponentConfig() {}

  /**
   * A configuration as SCR would pass it: the given values, the annotation defaults for the rest.
   */
  public static <T> T of(Class<T> type, Map<String, Object> values) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) ->
                values.containsKey(method.getName())
                    ? values.get(method.getName())
                    : method.getDefaultValue()));
  }
}

package io.karavel.apiserver.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds DS configuration annotation instances for tests: defaults, overridden by a map. */
final class Configs {
  private Configs() {}

  @SuppressWarnings("unchecked")
  static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
    return (A)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (values.containsKey(method.getName())) {
                return values.get(method.getName());
              }
              if (method.getName().equals("annotationType")) {
                return type;
              }
              Object d = method.getDefaultValue();
              if (d == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return d;
            });
  }
}

package io.karavel.apiserver.internal;

import java.nio.file.Path;

/** Where a Karaf distribution keeps its state; {@code ./data} outside Karaf (tests). */
final class KaravelPaths {
  private KaravelPaths() {}

  static Path data() {
    String d = System.getProperty("karaf.data");
    return Path.of(d == null || d.isBlank() ? "data" : d).toAbsolutePath();
  }

  /** Expands {@code ${karaf.data}}, {@code ${karaf.home}} and {@code ${karaf.etc}}. */
  static Path expand(String path) {
    String p = path;
    for (String prop : new String[] {"karaf.data", "karaf.home", "karaf.etc", "karaf.base"}) {
      String v = System.getProperty(prop);
      if (v != null) {
        p = p.replace("${" + prop + "}", v);
      }
    }
    if (p.contains("${karaf.data}")) {
      p = p.replace("${karaf.data}", data().toString());
    }
    return Path.of(p).toAbsolutePath();
  }
}

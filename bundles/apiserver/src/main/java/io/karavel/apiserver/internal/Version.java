package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /version} document. Reports Kubernetes 1.32, the API level Karavel implements: the
 * Debian kubectl dispatcher picks its client from {@code minor}.
 */
final class Version {
  private Version() {}

  static final String GIT_VERSION = "v1.32.0-karavel.0.1.0";

  static ObjectNode document() {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("major", "1");
    v.put("minor", "32");
    v.put("gitVersion", GIT_VERSION);
    v.put("gitCommit", "karavel");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-11-22T00:00:00Z");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "javac");
    v.put(
        "platform",
        System.getProperty("os.name").toLowerCase() + "/" + arch(System.getProperty("os.arch")));
    return v;
  }

  private static String arch(String a) {
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }
}

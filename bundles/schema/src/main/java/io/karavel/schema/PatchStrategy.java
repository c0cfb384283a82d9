package io.karavel.schema;

/** One {@code x-kubernetes-patch-strategy} of a field, as strategic merge patch reads it. */
public enum PatchStrategy {
  MERGE("merge"),
  REPLACE("replace"),
  RETAIN_KEYS("retainKeys");

  private final String value;

  PatchStrategy(String value) {
    this.value = value;
  }

  /** The value as written in OpenAPI and in {@code $patch} directives. */
  public String value() {
    return value;
  }
}

package io.karavel.schema;

/** The {@code x-kubernetes-list-type} of a list field. */
public enum ListType {
  /** The list is one value, replaced whole. */
  ATOMIC("atomic"),
  /** Scalar items, each unique, merged as a set. */
  SET("set"),
  /** Object items identified by the {@code x-kubernetes-list-map-keys}. */
  MAP("map");

  private final String value;

  ListType(String value) {
    this.value = value;
  }

  /** The value as written in OpenAPI. */
  public String value() {
    return value;
  }
}

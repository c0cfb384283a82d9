package io.karavel.schema;

/** The JSON shape of a schema node. */
public enum SchemaType {
  /** A structure with declared properties. */
  OBJECT,
  /** A map from string keys to values of one schema ({@code additionalProperties}). */
  MAP,
  /** A list of items of one schema. */
  ARRAY,
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  /** An integer or a string: {@code IntOrString} and {@code Quantity}. */
  INT_OR_STRING,
  /**
   * Anything: embedded raw objects and free-form JSON ({@code
   * x-kubernetes-preserve-unknown-fields}).
   */
  ANY;

  /** Whether values of this type are JSON scalars. */
  public boolean scalar() {
    return this == STRING
        || this == INTEGER
        || this == NUMBER
        || this == BOOLEAN
        || this == INT_OR_STRING;
  }
}

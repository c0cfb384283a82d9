package io.karavel.apiserver.spi;

/**
 * A column of a {@code meta.k8s.io/v1} Table, as kubectl prints it.
 *
 * @param name header, e.g. {@code Name}
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format e.g. {@code name}, or empty
 * @param description shown by {@code kubectl explain}-like tools
 * @param priority 0 for the default view, 1 for columns shown only with {@code -o wide}
 */
public record TableColumn(
    String name, String type, String format, String description, int priority) {

  public static TableColumn of(String name, String type, String description) {
    return new TableColumn(name, type, "", description, 0);
  }

  public static TableColumn wide(String name, String type, String description) {
    return new TableColumn(name, type, "", description, 1);
  }

  /** The conventional first column. */
  public static final TableColumn NAME =
      new TableColumn(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace. Is required when creating resources.",
          0);

  /** The conventional AGE column (cells are kubectl-style durations such as {@code 5m}). */
  public static final TableColumn AGE =
      new TableColumn(
          "Age",
          "string",
          "",
          "CreationTimestamp is a timestamp representing the server time when this object was"
              + " created.",
          0);
}

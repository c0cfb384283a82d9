package io.karavel.shell.internal;

/** The server lists no resource type by the name the user gave. */
final class UnknownResourceTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownResourceTypeException(String type) {
    super("the server doesn't have a resource type \"" + type + "\"");
  }
}

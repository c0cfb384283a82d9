package io.karavel.shell.internal;

/** A failure whose message is already worded as kubectl words it; shown as it is. */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }
}

package io.karavel.scheduler.spi;

/** Thrown by a plugin method that returns no {@link Status} to report one (an error). */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Status status;

  public PluginException(Status status) {
    super(status.message(), status.error());
    this.status = status;
  }

  public Status status() {
    return status;
  }
}

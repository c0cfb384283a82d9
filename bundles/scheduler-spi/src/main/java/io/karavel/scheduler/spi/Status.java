package io.karavel.scheduler.spi;

import java.util.List;
import java.util.Objects;

/**
 * The result of a plugin call: a {@link Code}, human readable reasons (the text that ends up in
 * {@code FailedScheduling} events, e.g. {@code Insufficient cpu}), the plugin that produced it, and
 * for {@link Code#ERROR} optionally the cause. Immutable.
 */
public final class Status {
  private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "", null);
  private static final Status SKIP = new Status(Code.SKIP, List.of(), "", null);

  private final Code code;
  private final List<String> reasons;
  private final String plugin;
  private final Throwable error;

  private Status(Code code, List<String> reasons, String plugin, Throwable error) {
    this.code = Objects.requireNonNull(code, "code");
    this.reasons = List.copyOf(reasons);
    this.plugin = plugin == null ? "" : plugin;
    this.error = error;
  }

  /** Success, no reasons. */
  public static Status success() {
    return SUCCESS;
  }

  /** Skip: the plugin does not apply. */
  public static Status skip() {
    return SKIP;
  }

  /** A status of any code with reasons. */
  public static Status of(Code code, String... reasons) {
    return new Status(code, List.of(reasons), "", null);
  }

  /** {@link Code#UNSCHEDULABLE} with reasons. */
  public static Status unschedulable(String... reasons) {
    return of(Code.UNSCHEDULABLE, reasons);
  }

  /** {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE} with reasons. */
  public static Status unresolvable(String... reasons) {
    return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
  }

  /** {@link Code#ERROR} with a message. */
  public static Status error(String message) {
    return new Status(Code.ERROR, List.of(message), "", null);
  }

  /** {@link Code#ERROR} caused by {@code cause}; its message is the reason. */
  public static Status error(Throwable cause) {
    return new Status(Code.ERROR, List.of(String.valueOf(cause.getMessage())), "", cause);
  }

  /** The same status attributed to {@code pluginName} (the framework does this for plugins). */
  public Status withPlugin(String pluginName) {
    return Objects.equals(plugin, pluginName) ? this : new Status(code, reasons, pluginName, error);
  }

  public Code code() {
    return code;
  }

  public List<String> reasons() {
    return reasons;
  }

  /** The plugin that produced this status, empty if not yet attributed. */
  public String plugin() {
    return plugin;
  }

  /** The cause of an error status, or null. */
  public Throwable error() {
    return error;
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  public boolean isSkip() {
    return code == Code.SKIP;
  }

  public boolean isWait() {
    return code == Code.WAIT;
  }

  /** Unschedulable or unschedulable-and-unresolvable (or pending): the pod was turned down. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE
        || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE
        || code == Code.PENDING;
  }

  /** The reasons joined by {@code ", "}. */
  public String message() {
    return String.join(", ", reasons);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Status s
        && s.code == code
        && s.reasons.equals(reasons)
        && s.plugin.equals(plugin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, reasons, plugin);
  }

  @Override
  public String toString() {
    return code + (plugin.isEmpty() ? "" : "(" + plugin + ")") + (reasons.isEmpty() ? "" : reasons);
  }
}

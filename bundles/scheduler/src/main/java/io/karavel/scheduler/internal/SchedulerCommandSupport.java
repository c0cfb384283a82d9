package io.karavel.scheduler.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** Shared plumbing of the {@code kube:scheduler-*} commands: the scheduler component. */
abstract class SchedulerCommandSupport implements Action {
  @Reference Scheduler scheduler;

  static String micros(long calls, long nanos) {
    return calls == 0 ? "-" : String.format("%.1f", nanos / 1000.0 / calls);
  }
}

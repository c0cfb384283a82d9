package io.karavel.scheduler.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Shows the pods waiting to be scheduled and why. */
@Command(
    scope = "kube",
    name = "scheduler-queue",
    description =
        "Shows whether this scheduler leads, its counters, and the pending pods: sub-queue,"
            + " attempts, the node preemption nominated, and why the last attempt failed.")
@Service
public class SchedulerQueueCommand extends SchedulerCommandSupport {

  @Override
  public Object execute() {
    var run = scheduler.run();
    if (run.isEmpty()) {
      System.out.println("This scheduler is not leading (or not started): no queue here.");
      return null;
    }
    SchedulerRun r = run.get();
    int[] sizes = r.queue.sizes();
    long attempts = r.attempts.get();
    System.out.printf(
        "Leading. Scheduled %d pods in %d attempts (%d failed), mean attempt %s µs (%s µs CPU of"
            + " the scheduling thread).%n",
        r.scheduled.get(),
        attempts,
        r.failedAttempts.get(),
        micros(attempts, r.attemptNanos.get()),
        micros(attempts, r.attemptCpuNanos.get()));
    System.out.printf(
        "Queue: %d active, %d backoff, %d unschedulable or gated, %d in flight.%n",
        sizes[0], sizes[1], sizes[2], sizes[3]);
    long[] writes = r.writes();
    System.out.printf(
        "Events and pod status writes: %d waiting to be sent, %d dropped.%n", writes[0], writes[1]);
    ShellTable table = new ShellTable();
    table.column("POD");
    table.column("SCHEDULER");
    table.column("QUEUE");
    table.column("ATTEMPTS");
    table.column("NOMINATED");
    table.column("REASON");
    java.util.Map<String, String> nominated = r.nominator.nodesByPodKey();
    for (SchedulingQueue.Pending p : r.queue.pending()) {
      table
          .addRow()
          .addContent(
              p.pod(),
              p.schedulerName(),
              p.where(),
              p.attempts(),
              nominated.getOrDefault(p.pod(), ""),
              p.reason());
    }
    table.print(System.out);
    return null;
  }
}

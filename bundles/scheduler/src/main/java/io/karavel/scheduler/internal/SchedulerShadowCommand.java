package io.karavel.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Reports shadow mode: where the shadow plugin set chose differently from the live profile. */
@Command(
    scope = "kube",
    name = "scheduler-shadow",
    description =
        "Shows, per profile with shadowPlugins, how many cycles the shadow plugin set ran, how often"
            + " its choice differed from the live one, and the latest differences.")
@Service
public class SchedulerShadowCommand extends SchedulerCommandSupport {

  @Override
  public Object execute() {
    Map<String, Framework> shadows = new TreeMap<>(scheduler.shadows());
    Map<String, ShadowReport> reports = scheduler.shadowReports();
    if (shadows.isEmpty() && reports.isEmpty()) {
      System.out.println("No profile has shadowPlugins.");
      return null;
    }
    for (String name : shadows.keySet()) {
      ShadowReport r = reports.get(name);
      Framework f = shadows.get(name);
      System.out.println(
          "Profile "
              + name
              + " shadow ["
              + String.join(", ", f.profile().plugins())
              + "]: "
              + (r == null
                  ? "no cycle yet"
                  : r.cycles.get()
                      + " cycles, "
                      + r.differences.get()
                      + " differed, mean "
                      + micros(r.cycles.get(), r.nanos.get())
                      + " µs"));
      if (r != null && !r.latest().isEmpty()) {
        ShellTable table = new ShellTable();
        table.column("TIME");
        table.column("POD");
        table.column("LIVE");
        table.column("SHADOW");
        for (ShadowReport.Difference d : r.latest()) {
          table
              .addRow()
              .addContent(
                  d.at(),
                  d.pod(),
                  d.liveNode() == null ? "<none>" : d.liveNode(),
                  d.shadowNode() == null ? "<none>" : d.shadowNode());
        }
        table.print(System.out);
      }
    }
    return null;
  }
}

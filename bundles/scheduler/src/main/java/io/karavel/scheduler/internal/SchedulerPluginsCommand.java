package io.karavel.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the installed scheduling plugins. */
@Command(
    scope = "kube",
    name = "scheduler-plugins",
    description =
        "Lists the installed scheduling plugins: bundle and version, extension points, the profiles"
            + " enabling them, calls and mean time per call.")
@Service
public class SchedulerPluginsCommand extends SchedulerCommandSupport {

  @Override
  public Object execute() {
    Map<String, long[]> metrics = scheduler.metrics().snapshot();
    ShellTable table = new ShellTable();
    table.column("NAME");
    table.column("BUNDLE");
    table.column("EXTENSION POINTS");
    table.column("PROFILES");
    table.column("CALLS");
    table.column("AVG µs");
    Map<String, String> bundles = scheduler.pluginBundles();
    for (Map.Entry<String, Object> e : new TreeMap<>(scheduler.plugins()).entrySet()) {
      String name = e.getKey();
      List<String> points = new ArrayList<>();
      for (ExtensionPoint p : ExtensionPoint.of(e.getValue())) {
        points.add(p.key);
      }
      List<String> profiles = new ArrayList<>();
      for (Framework f : scheduler.frameworks().values()) {
        for (ExtensionPoint p : ExtensionPoint.values()) {
          if (f.pluginNames(p).contains(name)) {
            profiles.add(f.profile().schedulerName());
            break;
          }
        }
      }
      long calls = 0;
      long nanos = 0;
      for (Map.Entry<String, long[]> m : metrics.entrySet()) {
        if (m.getKey().endsWith("/" + name)) {
          calls += m.getValue()[0];
          nanos += m.getValue()[1];
        }
      }
      table
          .addRow()
          .addContent(
              name,
              bundles.getOrDefault(name, "?"),
              String.join(",", points),
              profiles.isEmpty() ? "-" : String.join(",", profiles),
              calls,
              micros(calls, nanos));
    }
    table.print(System.out);
    return null;
  }
}

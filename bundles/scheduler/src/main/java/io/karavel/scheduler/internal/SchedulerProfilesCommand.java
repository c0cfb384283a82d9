package io.karavel.scheduler.internal;

import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows the scheduling profiles. */
@Command(
    scope = "kube",
    name = "scheduler-profiles",
    description =
        "Shows each scheduling profile: its schedulerName, whether it can run (and why not), the"
            + " plugins at every extension point with score weights.")
@Service
public class SchedulerProfilesCommand extends SchedulerCommandSupport {

  @Override
  public Object execute() {
    Map<String, Framework> frameworks = new TreeMap<>(scheduler.frameworks());
    if (frameworks.isEmpty()) {
      System.out.println("No profiles (add etc/io.karavel.scheduler.profile-<name>.cfg).");
    }
    for (Framework f : frameworks.values()) {
      ProfileDefinition def = f.profile();
      String reason = f.notRunnableReason();
      System.out.println(
          "Profile " + def.schedulerName() + ": " + (reason == null ? "ready" : reason));
      System.out.println(
          "  percentageOfNodesToScore: "
              + (def.percentageOfNodesToScore() == 0
                  ? "adaptive"
                  : def.percentageOfNodesToScore()));
      for (ExtensionPoint p : ExtensionPoint.values()) {
        var names = f.pluginNames(p);
        if (p == ExtensionPoint.SCORE) {
          names = names.stream().map(n -> n + ":" + def.weight(n)).toList();
        }
        System.out.printf("  %-11s %s%n", p.key, names.isEmpty() ? "-" : String.join(", ", names));
      }
    }
    return null;
  }
}

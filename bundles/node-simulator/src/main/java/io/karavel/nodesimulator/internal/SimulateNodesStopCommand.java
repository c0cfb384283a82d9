package io.karavel.nodesimulator.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:simulate-nodes-stop}: stops a pool of simulated nodes. */
@Command(
    scope = "kube",
    name = "simulate-nodes-stop",
    description = "Stop a pool of simulated nodes; with --delete also delete its Nodes.",
    detailedDescription =
        "Without --delete the Nodes stay: their Leases are no longer renewed, as if the"
            + " kubelets had died, and their pods are no longer updated. With --delete the"
            + " Nodes, their Leases and the pods bound to them are deleted (as the pod garbage"
            + " collector does for pods of deleted nodes).\n"
            + "Examples:\n"
            + "  kube:simulate-nodes-stop sim\n"
            + "  kube:simulate-nodes-stop --delete sim gpu\n"
            + "  kube:simulate-nodes-stop sim --delete")
@Service
public class SimulateNodesStopCommand implements Action {
  @Reference NodeSimulator simulator;

  @Argument(
      index = 0,
      name = "pool",
      description = "The pools' names (--delete may also come last)",
      required = true,
      multiValued = true)
  @Completion(PoolNameCompleter.class)
  List<String> pools;

  @Option(name = "--delete", description = "Also delete the Nodes, their Leases and their pods")
  boolean delete;

  @Override
  public Object execute() {
    // Karaf stops reading options at the first argument; accept the option after the names too.
    List<String> names = new ArrayList<>(pools);
    boolean del = delete | names.remove("--delete");
    for (String pool : names) {
      if (!simulator.stop(pool, del)) {
        System.err.println("error: no simulated node pool " + pool);
        continue;
      }
      System.out.println(
          "pool " + pool + " stopped" + (del ? "; its nodes, Leases and pods deleted" : ""));
    }
    return null;
  }
}

package io.karavel.nodesimulator.internal;

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
            + "  kube:simulate-nodes-stop sim --delete")
@Service
public class SimulateNodesStopCommand implements Action {
  @Reference NodeSimulator simulator;

  @Argument(index = 0, name = "pool", description = "The pool's name", required = true)
  @Completion(PoolNameCompleter.class)
  String pool;

  @Option(name = "--delete", description = "Also delete the Nodes, their Leases and their pods")
  boolean delete;

  @Override
  public Object execute() {
    if (!simulator.stop(pool, delete)) {
      System.err.println("error: no simulated node pool " + pool);
      return null;
    }
    System.out.println(
        "pool " + pool + " stopped" + (delete ? "; its nodes, Leases and pods deleted" : ""));
    return null;
  }
}

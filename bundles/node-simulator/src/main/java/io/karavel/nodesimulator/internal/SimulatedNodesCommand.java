package io.karavel.nodesimulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code kube:simulated-nodes}: the running pools of simulated nodes. */
@Command(
    scope = "kube",
    name = "simulated-nodes",
    description =
        "List the pools of simulated nodes: node count, capacity, zones, taints, pods running,"
            + " Lease renewals and status reports.",
    detailedDescription =
        "One row per pool started with kube:simulate-nodes or a io.karavel.nodesimulator.pool"
            + " configuration. RUNNING counts the pods bound to the pool's nodes whose phase is"
            + " Running (from the simulator's pod informer). RENEWALS and REPORTS count the Lease"
            + " renewals and node status reports written since the pool started; the last line"
            + " the simulator's API writes in all.\n"
            + "Examples:\n"
            + "  kube:simulated-nodes\n"
            + "  kube:get nodes -l node.karavel.io/simulated-pool=sim")
@Service
public class SimulatedNodesCommand implements Action {
  @Reference NodeSimulator simulator;

  @Override
  public Object execute() {
    List<SimulatedPool> pools = simulator.pools();
    if (pools.isEmpty()) {
      System.out.println("No simulated node pools (start one with kube:simulate-nodes).");
      return null;
    }
    ShellTable table = new ShellTable();
    for (String c :
        List.of(
            "POOL",
            "NODES",
            "NAMES",
            "CAPACITY",
            "ZONES",
            "TAINTS",
            "RUNNING",
            "RENEWALS",
            "REPORTS",
            "AGE")) {
      table.column(c);
    }
    Instant now = Instant.now();
    for (SimulatedPool p : pools) {
      PoolSpec s = p.spec();
      table
          .addRow()
          .addContent(
              s.name(),
              p.registered == null ? s.count() + " (registering)" : s.count(),
              s.nodeName(0) + (s.count() > 1 ? ".." + s.nodeName(s.count() - 1) : ""),
              "cpu="
                  + s.capacity().get("cpu")
                  + ",memory="
                  + s.capacity().get("memory")
                  + ",pods="
                  + s.capacity().get("pods"),
              s.zones().isEmpty() ? "<none>" : String.join(",", s.zones()),
              s.taints().isEmpty()
                  ? "<none>"
                  : s.taints().stream()
                      .map(
                          t ->
                              t.getKey()
                                  + (t.getValue() == null ? "" : "=" + t.getValue())
                                  + ":"
                                  + t.getEffect())
                      .collect(Collectors.joining(",")),
              simulator.runningPods(p),
              p.leaseRenewals(),
              p.statusReports(),
              age(Duration.between(p.started, now)));
    }
    table.print(System.out);
    long[] w = simulator.writes();
    System.out.printf("API writes: %d (%d failed)%n", w[0], w[1]);
    return null;
  }

  static String age(Duration d) {
    long s = d.getSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    return s / 3600 + "h";
  }
}

package io.karavel.nodesimulator.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code kube:simulate-nodes}: starts a pool of simulated nodes. */
@Command(
    scope = "kube",
    name = "simulate-nodes",
    description =
        "Start a pool of simulated nodes: Nodes registered Ready, Leases renewed, pods bound to"
            + " them marked Running (no containers run).",
    detailedDescription =
        "Registers COUNT Node objects named PREFIX0 .. PREFIX<COUNT-1>, each with the given"
            + " capacity (also its allocatable), labels and taints, and the label"
            + " node.karavel.io/simulated-pool=<pool>. Zones are spread round-robin over the"
            + " nodes as topology.kubernetes.io/zone. While the pool runs, every node renews its"
            + " Lease in kube-node-lease, reports its conditions, gets a pod subnet"
            + " (spec.podCIDR), and pods bound to it become Running after a delay, with a pod IP"
            + " from that subnet; a graceful pod deletion is finished at once. Nodes that exist"
            + " already are taken over. Timing is in the io.karavel.nodesimulator configuration"
            + " (config:edit applies live).\n"
            + "Examples:\n"
            + "  kube:simulate-nodes --count 100 --prefix sim- --zones z1,z2,z3\n"
            + "  kube:simulate-nodes --name gpu --prefix gpu- --count 2 --cpu 8 --memory 64Gi \\\n"
            + "      --resources nvidia.com/gpu=4 --labels accelerator=a100"
            + " --taints dedicated=gpu:NoSchedule\n"
            + "See also: kube:simulated-nodes, kube:simulate-nodes-stop.")
@Service
public class SimulateNodesCommand implements Action {
  @Reference NodeSimulator simulator;

  @Option(name = "--count", aliases = "-c", description = "Number of nodes (default 1)")
  int count = 1;

  @Option(name = "--prefix", description = "Node name prefix (default sim-)")
  String prefix = "sim-";

  @Option(name = "--name", description = "Pool name (default: the prefix without its dash)")
  String name;

  @Option(name = "--cpu", description = "CPU capacity of each node (default 4)")
  String cpu = "4";

  @Option(name = "--memory", description = "Memory capacity of each node (default 32Gi)")
  String memory = "32Gi";

  @Option(name = "--pods", description = "Pod capacity of each node (default 110)")
  int pods = 110;

  @Option(
      name = "--resources",
      description = "Extra resources, comma separated, e.g. nvidia.com/gpu=2")
  String resources;

  @Option(name = "--labels", aliases = "-l", description = "Labels k=v, comma separated")
  String labels;

  @Option(
      name = "--taints",
      description = "Taints key[=value]:Effect, comma separated, e.g. dedicated=gpu:NoSchedule")
  String taints;

  @Option(
      name = "--zones",
      description = "Zones spread round-robin over the nodes (topology.kubernetes.io/zone)")
  String zones;

  @Override
  public Object execute() throws Exception {
    PoolSpec spec;
    try {
      spec =
          new PoolSpec(
              name == null || name.isBlank() ? PoolSpec.defaultName(prefix) : name,
              prefix,
              count,
              PoolSpec.capacity(cpu, memory, pods, resources),
              PoolSpec.parseMap(labels, "label"),
              PoolSpec.parseTaints(taints),
              PoolSpec.split(zones));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return null;
    }
    long t0 = System.nanoTime();
    SimulatedPool pool;
    try {
      pool = simulator.start(spec);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return null;
    }
    System.out.printf(
        "pool %s: %d node(s) %s%s registered in %.1f s%n",
        spec.name(),
        spec.count(),
        spec.nodeName(0),
        spec.count() > 1 ? " .. " + spec.nodeName(spec.count() - 1) : "",
        (System.nanoTime() - t0) / 1e9);
    return null;
  }
}

package io.karavel.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated nodes: registers Node objects with the given capacity, labels and taints, Ready, and
 * keeps them alive as a kubelet would: renews each node's Lease in {@code kube-node-lease} and the
 * Ready condition's heartbeat. No containers run. Everything goes through the API.
 *
 * <p>The runtime simulator is the node simulator bundle ({@code kube:simulate-nodes}, see
 * NodeSimulatorShellIT): pools of identical nodes run inside the distribution, their pods marked
 * Running. This client-side helper stays for tests that build nodes one by one, each with its own
 * name and shape, from a client alone (SchedulerIT).
 */
final class NodeSimulator implements AutoCloseable {
  private final KubernetesClient client;
  private final Set<String> nodes = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "node-simulator");
            t.setDaemon(true);
            return t;
          });

  NodeSimulator(KubernetesClient client, long heartbeatSeconds) {
    this.client = client;
    timer.scheduleWithFixedDelay(
        this::heartbeat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
  }

  /**
   * Registers a Ready node. {@code capacity} like {@code cpu=4, memory=8Gi}; pods default to 110.
   */
  Node add(
      String name, Map<String, String> capacity, Map<String, String> labels, List<Taint> taints) {
    Map<String, Quantity> cap = new HashMap<>();
    capacity.forEach((k, v) -> cap.put(k, new Quantity(v)));
    cap.putIfAbsent("pods", new Quantity("110"));
    Map<String, String> l = new HashMap<>(labels);
    l.put("kubernetes.io/hostname", name);
    l.put("kubernetes.io/os", "linux");
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(l)
            .endMetadata()
            .withNewSpec()
            .withTaints(taints)
            .endSpec()
            .withNewStatus()
            .withCapacity(cap)
            .withAllocatable(cap)
            .withConditions(ready())
            .withNewNodeInfo()
            .withKubeletVersion("v1.32.0-karavel-sim")
            .withOperatingSystem("linux")
            .withArchitecture("amd64")
            .withContainerRuntimeVersion("simulated://1")
            .withKernelVersion("")
            .withOsImage("simulated")
            .withBootID("")
            .withMachineID("")
            .withSystemUUID("")
            .withKubeProxyVersion("")
            .endNodeInfo()
            .endStatus()
            .build();
    // The API server keeps only the spec on create (status is a subresource): set it after.
    Node created = client.nodes().resource(node).create();
    created.setStatus(node.getStatus());
    created = client.nodes().resource(created).updateStatus();
    client
        .leases()
        .inNamespace("kube-node-lease")
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("kube-node-lease")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(name)
                .withLeaseDurationSeconds(40)
                .withRenewTime(now())
                .endSpec()
                .build())
        .create();
    nodes.add(name);
    return created;
  }

  private static NodeCondition ready() {
    String t = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("simulated kubelet is posting ready status")
        .withLastHeartbeatTime(t)
        .withLastTransitionTime(t)
        .build();
  }

  private static ZonedDateTime now() {
    return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private void heartbeat() {
    for (String name : nodes) {
      try {
        Lease lease = client.leases().inNamespace("kube-node-lease").withName(name).get();
        if (lease != null) {
          lease.getSpec().setRenewTime(now());
          client.leases().inNamespace("kube-node-lease").resource(lease).update();
        }
        client
            .nodes()
            .withName(name)
            .editStatus(
                n -> {
                  n.getStatus().getConditions().removeIf(c -> "Ready".equals(c.getType()));
                  n.getStatus().getConditions().add(ready());
                  return n;
                });
      } catch (RuntimeException e) {
        // the next heartbeat retries; a test sees stale leases if this keeps failing
      }
    }
  }

  /** Renewal time of a node's Lease, for tests. */
  ZonedDateTime leaseRenewTime(String name) {
    return client
        .leases()
        .inNamespace("kube-node-lease")
        .withName(name)
        .get()
        .getSpec()
        .getRenewTime();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

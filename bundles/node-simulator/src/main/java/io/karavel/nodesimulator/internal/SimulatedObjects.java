package io.karavel.nodesimulator.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API objects a kubelet would write, built for simulated nodes: the Node it registers, its
 * Lease in {@code kube-node-lease}, the status it reports and the status of a pod whose containers
 * (would) run. Pure functions of their arguments.
 */
final class SimulatedObjects {
  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final String POOL_LABEL = "node.karavel.io/simulated-pool";
  static final String KUBELET_VERSION = "v1.32.0-karavel-sim";

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private SimulatedObjects() {}

  /** The Node as a kubelet registers it: Ready, with capacity, addresses and node info. */
  static Node node(PoolSpec spec, int index, PodNetwork.NodeSubnet subnet, Instant now) {
    String name = spec.nodeName(index);
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put(POOL_LABEL, spec.name());
    String zone = spec.zone(index);
    if (zone != null) {
      labels.put(PoolSpec.ZONE_LABEL, zone);
    }
    Map<String, Quantity> cap = new LinkedHashMap<>();
    spec.capacity().forEach((k, v) -> cap.put(k, new Quantity(v)));
    List<NodeAddress> addresses = new ArrayList<>();
    if (subnet != null) {
      addresses.add(new NodeAddress(subnet.nodeAddress(), "InternalIP"));
    }
    addresses.add(new NodeAddress(name, "Hostname"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTaints(spec.taints())
        .withPodCIDR(subnet == null ? null : subnet.cidr())
        .withPodCIDRs(subnet == null ? List.of() : List.of(subnet.cidr()))
        .endSpec()
        .withNewStatus()
        .withCapacity(cap)
        .withAllocatable(new LinkedHashMap<>(cap))
        .withConditions(conditions(now, now))
        .withAddresses(addresses)
        .withNewNodeInfo()
        .withKubeletVersion(KUBELET_VERSION)
        .withKubeProxyVersion("")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withContainerRuntimeVersion("simulated://1.0")
        .withKernelVersion("simulated")
        .withOsImage("Karavel simulated node")
        .withBootID(name)
        .withMachineID(name)
        .withSystemUUID(name)
        .endNodeInfo()
        .endStatus()
        .build();
  }

  /**
   * The conditions a healthy kubelet reports: no memory, disk or PID pressure, Ready; {@code
   * heartbeat} is now, {@code transition} when the node became Ready.
   */
  static List<NodeCondition> conditions(Instant heartbeat, Instant transition) {
    String hb = rfc3339(heartbeat);
    String tr = rfc3339(transition);
    return List.of(
        condition(
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
            hb,
            tr),
        condition(
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
            hb,
            tr),
        condition(
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
            hb,
            tr),
        condition(
            "Ready",
            "True",
            "KubeletReady",
            "kubelet is posting ready status (simulated)",
            hb,
            tr));
  }

  private static NodeCondition condition(
      String type, String status, String reason, String message, String hb, String tr) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastHeartbeatTime(hb)
        .withLastTransitionTime(tr)
        .build();
  }

  /** The node's Lease, renewed now. */
  static Lease lease(String node, String nodeUid, int durationSeconds, Instant now) {
    LeaseBuilder b =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(node)
            .withNamespace(LEASE_NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(node)
            .withLeaseDurationSeconds(durationSeconds)
            .withRenewTime(micro(now))
            .endSpec();
    if (nodeUid != null) {
      // As the kubelet does: the Lease goes away with its Node.
      b.editMetadata()
          .addNewOwnerReference()
          .withApiVersion("v1")
          .withKind("Node")
          .withName(node)
          .withUid(nodeUid)
          .endOwnerReference()
          .endMetadata();
    }
    return b.build();
  }

  /** A JSON merge patch renewing a Lease. */
  static String leaseRenewal(Instant now) {
    return "{\"spec\":{\"renewTime\":\"" + MICRO_TIME.format(micro(now)) + "\"}}";
  }

  /**
   * The status of a pod whose containers all started: Running, the four conditions true, one
   * running container status per container, its address and the node's.
   */
  static PodStatus running(Pod pod, String podIp, String hostIp, Instant now) {
    String t = rfc3339(now);
    PodStatus old = pod.getStatus();
    String scheduledAt = t;
    if (old != null && old.getConditions() != null) {
      for (PodCondition c : old.getConditions()) {
        if ("PodScheduled".equals(c.getType()) && c.getLastTransitionTime() != null) {
          scheduledAt = c.getLastTransitionTime();
        }
      }
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    String uid = pod.getMetadata().getUid();
    for (Container c : pod.getSpec().getContainers()) {
      statuses.add(
          new ContainerStatusBuilder()
              .withName(c.getName())
              .withImage(c.getImage())
              .withImageID("simulated://" + c.getImage())
              .withContainerID("simulated://" + uid + "/" + c.getName())
              .withReady(true)
              .withStarted(true)
              .withRestartCount(0)
              .withNewState()
              .withNewRunning(t)
              .endState()
              .build());
    }
    PodStatusBuilder b =
        new PodStatusBuilder()
            .withPhase("Running")
            .withConditions(
                podCondition("PodReadyToStartContainers", t),
                podCondition("Initialized", t),
                podCondition("Ready", t),
                podCondition("ContainersReady", t),
                podCondition("PodScheduled", scheduledAt))
            .withContainerStatuses(statuses)
            .withHostIP(hostIp)
            .withStartTime(t)
            .withQosClass(old == null ? null : old.getQosClass());
    if (hostIp != null) {
      b.withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(hostIp));
    }
    if (podIp != null) {
      b.withPodIP(podIp).withPodIPs(new PodIP(podIp));
    }
    return b.build();
  }

  private static PodCondition podCondition(String type, String time) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(time)
        .build();
  }

  static String rfc3339(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static ZonedDateTime micro(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
  }
}

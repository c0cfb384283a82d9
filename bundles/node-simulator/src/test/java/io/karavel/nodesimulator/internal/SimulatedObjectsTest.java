package io.karavel.nodesimulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedObjectsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00.123456789Z");

  private static PoolSpec spec() {
    return new PoolSpec(
        "sim",
        "sim-",
        3,
        PoolSpec.capacity("4", "32Gi", 110, "nvidia.com/gpu=1"),
        Map.of("tier", "web"),
        List.of(new Taint("NoSchedule", "dedicated", null, "sim")),
        List.of("z1", "z2"));
  }

  @Test
  void aNodeIsRegisteredReadyWithCapacityLabelsTaintsZoneAndSubnet() {
    PodNetwork.NodeSubnet subnet = new PodNetwork("10.128.0.0/9", 24).assign("sim-1");
    Node n = SimulatedObjects.node(spec(), 1, subnet, NOW);
    assertThat(n.getMetadata().getName()).isEqualTo("sim-1");
    assertThat(n.getMetadata().getLabels())
        .containsEntry("kubernetes.io/hostname", "sim-1")
        .containsEntry("tier", "web")
        .containsEntry("topology.kubernetes.io/zone", "z2")
        .containsEntry(SimulatedObjects.POOL_LABEL, "sim");
    assertThat(n.getSpec().getTaints())
        .containsExactly(new Taint("NoSchedule", "dedicated", null, "sim"));
    assertThat(n.getSpec().getPodCIDR()).isEqualTo("10.128.0.0/24");
    assertThat(n.getStatus().getCapacity())
        .containsEntry("cpu", new Quantity("4"))
        .containsEntry("memory", new Quantity("32Gi"))
        .containsEntry("pods", new Quantity("110"))
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(n.getStatus().getAllocatable()).isEqualTo(n.getStatus().getCapacity());
    Map<String, String> conditions =
        n.getStatus().getConditions().stream()
            .collect(Collectors.toMap(NodeCondition::getType, NodeCondition::getStatus));
    assertThat(conditions)
        .containsEntry("Ready", "True")
        .containsEntry("MemoryPressure", "False")
        .containsEntry("DiskPressure", "False")
        .containsEntry("PIDPressure", "False");
    assertThat(n.getStatus().getAddresses())
        .anyMatch(a -> a.getType().equals("InternalIP") && a.getAddress().equals("10.128.0.1"));
  }

  @Test
  void statusReportsKeepTheTransitionTimeAndMoveTheHeartbeat() {
    Instant later = NOW.plusSeconds(300);
    NodeCondition ready =
        SimulatedObjects.conditions(later, NOW).stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElseThrow();
    assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-12-06T12:05:00Z");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-12-06T12:00:00Z");
  }

  @Test
  void leasesAreOwnedByTheirNodeAndRenewedInMicroTime() {
    Lease l = SimulatedObjects.lease("sim-0", "uid-1", 40, NOW);
    assertThat(l.getMetadata().getNamespace()).isEqualTo("kube-node-lease");
    assertThat(l.getSpec().getHolderIdentity()).isEqualTo("sim-0");
    assertThat(l.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
    assertThat(l.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-1");
    assertThat(SimulatedObjects.leaseRenewal(NOW))
        .isEqualTo("{\"spec\":{\"renewTime\":\"2026-12-06T12:00:00.123456Z\"}}");
  }

  @Test
  void aRunningPodHasItsConditionsContainersAndAddresses() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("default")
            .withUid("u1")
            .endMetadata()
            .withNewSpec()
            .withNodeName("sim-0")
            .addNewContainer()
            .withName("a")
            .withImage("busybox")
            .endContainer()
            .addNewContainer()
            .withName("b")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .withQosClass("Burstable")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime("2026-12-06T11:59:59Z")
            .endCondition()
            .endStatus()
            .build();
    PodStatus s = SimulatedObjects.running(pod, "10.128.0.2", "10.128.0.1", NOW);
    assertThat(s.getPhase()).isEqualTo("Running");
    assertThat(s.getPodIP()).isEqualTo("10.128.0.2");
    assertThat(s.getHostIP()).isEqualTo("10.128.0.1");
    assertThat(s.getStartTime()).isEqualTo("2026-12-06T12:00:00Z");
    assertThat(s.getQosClass()).isEqualTo("Burstable");
    Map<String, PodCondition> c =
        s.getConditions().stream().collect(Collectors.toMap(PodCondition::getType, x -> x));
    assertThat(c.keySet()).contains("Ready", "ContainersReady", "PodScheduled", "Initialized");
    assertThat(c.values()).allMatch(x -> x.getStatus().equals("True"));
    assertThat(c.get("PodScheduled").getLastTransitionTime())
        .as("the scheduler's time is kept")
        .isEqualTo("2026-12-06T11:59:59Z");
    assertThat(s.getContainerStatuses())
        .extracting(
            cs -> cs.getName() + ":" + cs.getReady() + ":" + (cs.getState().getRunning() != null))
        .containsExactly("a:true:true", "b:true:true");
  }
}

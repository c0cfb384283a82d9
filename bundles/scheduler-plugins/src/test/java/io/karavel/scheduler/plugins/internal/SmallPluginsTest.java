package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.nodeBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.nodeInfo;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.scores;
import static io.karavel.scheduler.plugins.internal.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.QueuedPod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPluginsTest {

  private static Pod withHostPort(String ip, String protocol, int port) {
    return podBuilder()
        .editSpec()
        .editFirstContainer()
        .withPorts(
            new ContainerPortBuilder()
                .withContainerPort(port)
                .withHostPort(port)
                .withHostIP(ip)
                .withProtocol(protocol)
                .build())
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void nodePorts() {
    NodePorts plugin = new NodePorts();
    NodeInfo node =
        nodeInfo(nodeBuilder("n", "cpu", "1").build(), withHostPort("127.0.0.1", "TCP", 8080));
    PodInfo noPorts = PodInfo.of(podBuilder().build());
    assertThat(plugin.preFilter(state(), noPorts, null).status().isSkip()).isTrue();
    PodInfo same = PodInfo.of(withHostPort("", "TCP", 8080));
    assertThat(plugin.preFilter(state(), same, null).status().isSuccess()).isTrue();
    assertThat(plugin.filter(state(), same, node).reasons())
        .containsExactly("node(s) didn't have free ports for the requested pod ports");
    assertThat(plugin.filter(state(), same, node).code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(
            plugin
                .filter(state(), PodInfo.of(withHostPort("127.0.0.2", "TCP", 8080)), node)
                .isSuccess())
        .isTrue();
    assertThat(plugin.filter(state(), PodInfo.of(withHostPort("", "UDP", 8080)), node).isSuccess())
        .isTrue();
  }

  @Test
  void nodeName() {
    NodeName plugin = new NodeName();
    PodInfo pinned = PodInfo.of(podBuilder().editSpec().withNodeName("n1").endSpec().build());
    assertThat(plugin.filter(state(), pinned, nodeInfo(nodeBuilder("n1").build())).isSuccess())
        .isTrue();
    assertThat(plugin.filter(state(), pinned, nodeInfo(nodeBuilder("n2").build())).reasons())
        .containsExactly("node(s) didn't match the requested node name");
    assertThat(
            plugin
                .filter(
                    state(), PodInfo.of(podBuilder().build()), nodeInfo(nodeBuilder("n2").build()))
                .isSuccess())
        .isTrue();
  }

  @Test
  void prioritySortOrdersByPriorityThenTime() {
    PrioritySort sort = new PrioritySort();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    QueuedPod high =
        new QueuedPod(
            PodInfo.of(podBuilder().editSpec().withPriority(10).endSpec().build()),
            t0.plusSeconds(5),
            0,
            t0);
    QueuedPod lowEarly = new QueuedPod(PodInfo.of(podBuilder().build()), t0, 0, t0);
    QueuedPod lowLate = new QueuedPod(PodInfo.of(podBuilder().build()), t0.plusSeconds(1), 0, t0);
    assertThat(sort.less(high, lowEarly)).isTrue();
    assertThat(sort.less(lowEarly, high)).isFalse();
    assertThat(sort.less(lowEarly, lowLate)).isTrue();
    assertThat(sort.less(lowLate, lowEarly)).isFalse();
    assertThat(sort.less(lowLate, lowLate)).isFalse();
  }

  @Test
  void schedulingGates() {
    SchedulingGates plugin = new SchedulingGates();
    PodInfo gated =
        PodInfo.of(
            podBuilder()
                .editSpec()
                .withSchedulingGates(new PodSchedulingGate("a"), new PodSchedulingGate("b"))
                .endSpec()
                .build());
    assertThat(plugin.preEnqueue(gated).reasons())
        .containsExactly("waiting for scheduling gates: [a b]");
    assertThat(plugin.preEnqueue(gated).code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(plugin.preEnqueue(PodInfo.of(podBuilder().build())).isSuccess()).isTrue();
  }

  @Test
  void imageLocality() {
    ImageLocality plugin = new ImageLocality();
    long mb = ImageLocality.MB;
    NodeInfo withImage =
        nodeInfo(
            nodeBuilder("a", "cpu", "1")
                .editStatus()
                .withImages(new ContainerImage(List.of("gcr.io/250:latest"), 250 * mb))
                .endStatus()
                .build());
    NodeInfo without = nodeInfo(nodeBuilder("b", "cpu", "1").build());
    PodInfo pod =
        PodInfo.of(
            podBuilder()
                .editSpec()
                .withContainers(
                    new ContainerBuilder().withName("c").withImage("gcr.io/250").build())
                .endSpec()
                .build());
    // 250 MB present on 1 of 2 nodes: 125 MB; (125 - 23) * 100 / (1000 - 23) = 10
    assertThat(scores(plugin, pod, withImage, without)).containsExactly(10, 0);
    assertThat(ImageLocality.normalized("nginx")).isEqualTo("nginx:latest");
    assertThat(ImageLocality.normalized("host:5000/nginx")).isEqualTo("host:5000/nginx:latest");
    assertThat(ImageLocality.normalized("nginx@sha256:abc")).isEqualTo("nginx@sha256:abc");
  }
}

package io.karavel.scheduler.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  private static Container container(String cpu, String mem, String restartPolicy) {
    ContainerBuilder b = new ContainerBuilder().withName("c").withRestartPolicy(restartPolicy);
    Map<String, Quantity> req = new java.util.HashMap<>();
    if (cpu != null) {
      req.put("cpu", new Quantity(cpu));
    }
    if (mem != null) {
      req.put("memory", new Quantity(mem));
    }
    return b.withNewResources().withRequests(req).endResources().build();
  }

  private static Pod pod(List<Container> init, List<Container> containers) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withNamespace("ns")
        .withUid("u")
        .endMetadata()
        .withNewSpec()
        .withInitContainers(init)
        .withContainers(containers)
        .endSpec()
        .build();
  }

  @Test
  void quantitiesRoundUpToMillicoresAndBytes() {
    Resources r =
        Resources.of(
            Map.of(
                "cpu", new Quantity("1.5"),
                "memory", new Quantity("1Gi"),
                "pods", new Quantity("110"),
                "nvidia.com/gpu", new Quantity("2"),
                "ephemeral-storage", new Quantity("0.5k")));
    assertThat(r.milliCpu()).isEqualTo(1500);
    assertThat(r.memory()).isEqualTo(1024L * 1024 * 1024);
    assertThat(r.pods()).isEqualTo(110);
    assertThat(r.get("nvidia.com/gpu")).isEqualTo(2);
    assertThat(r.ephemeralStorage()).isEqualTo(500);
    assertThat(Resources.of(Map.of("cpu", new Quantity("1m"))).milliCpu()).isEqualTo(1);
    assertThat(Resources.of(Map.of("cpu", new Quantity("100u"))).milliCpu()).isEqualTo(1);
  }

  @Test
  void podRequestsAreContainersSumOrLargestInitContainer() {
    Pod p =
        pod(
            List.of(container("2", "1Gi", null)),
            List.of(container("500m", "2Gi", null), container("500m", "1Gi", null)));
    Resources r = Resources.podRequests(p, false);
    assertThat(r.milliCpu()).isEqualTo(2000);
    assertThat(r.memory()).isEqualTo(3L << 30);
    assertThat(r.pods()).isEqualTo(1);
  }

  @Test
  void sidecarsAddToContainersAndToLaterInitContainers() {
    // sidecar 100m, then init 1 cpu (counts 1.1), containers 200m: max(0.3, 1.1) = 1.1
    Pod p =
        pod(
            List.of(container("100m", null, "Always"), container("1", null, null)),
            List.of(container("200m", null, null)));
    assertThat(Resources.podRequests(p, false).milliCpu()).isEqualTo(1100);
  }

  @Test
  void nonZeroRequestsDefaultUnsetCpuAndMemoryPerContainer() {
    Pod p = pod(List.of(), List.of(container(null, null, null), container("1", null, null)));
    Resources r = Resources.podRequests(p, true);
    assertThat(r.milliCpu()).isEqualTo(1100);
    assertThat(r.memory()).isEqualTo(2 * Resources.DEFAULT_MEMORY_REQUEST);
    assertThat(Resources.podRequests(p, false).memory()).isZero();
  }

  @Test
  void hostPortsConflictOnWildcardAddress() {
    assertThat(new HostPort("0.0.0.0", "TCP", 80).conflicts(new HostPort("10.0.0.1", "TCP", 80)))
        .isTrue();
    assertThat(new HostPort("10.0.0.2", "TCP", 80).conflicts(new HostPort("10.0.0.1", "TCP", 80)))
        .isFalse();
    assertThat(new HostPort("0.0.0.0", "UDP", 80).conflicts(new HostPort("0.0.0.0", "TCP", 80)))
        .isFalse();
  }
}

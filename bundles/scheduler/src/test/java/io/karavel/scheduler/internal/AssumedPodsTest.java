package io.karavel.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class AssumedPodsTest {

  private static Pod richPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-1")
        .withNamespace("default")
        .withUid("u-1")
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .withSchedulerName("default-scheduler")
        .withPriority(1000)
        .withPriorityClassName("high")
        .addToNodeSelector("disk", "ssd")
        .addNewToleration()
        .withKey("dedicated")
        .withOperator("Exists")
        .endToleration()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("zone")
        .withOperator("In")
        .withValues("z0")
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .addNewTopologySpreadConstraint()
        .withMaxSkew(1)
        .withTopologyKey("zone")
        .withWhenUnsatisfiable("DoNotSchedule")
        .endTopologySpreadConstraint()
        .addNewContainer()
        .withName("c")
        .withImage("busybox")
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .endResources()
        .addNewPort()
        .withContainerPort(80)
        .withHostPort(8080)
        .endPort()
        .endContainer()
        .addNewInitContainer()
        .withName("init")
        .withImage("busybox")
        .endInitContainer()
        .addToOverhead("cpu", new Quantity("10m"))
        .withRuntimeClassName("kata")
        .addToAdditionalProperties("x-vendor", "kept")
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .withNominatedNodeName("n2")
        .endStatus()
        .build();
  }

  @Test
  void theCopyEqualsTheBuilderCopyBoundToTheNode() {
    Pod pod = richPod();
    Pod expected = new PodBuilder(pod).editSpec().withNodeName("n1").endSpec().build();

    Pod copy = AssumedPods.boundTo(pod, "n1");

    assertThat(copy).isEqualTo(expected);
    assertThat(copy.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(copy.getSpec().getAdditionalProperties()).containsEntry("x-vendor", "kept");
  }

  @Test
  void theInformersPodIsLeftAsItWas() {
    Pod pod = richPod();
    Pod before = new PodBuilder(pod).build();

    Pod copy = AssumedPods.boundTo(pod, "n1");
    copy.getSpec().getAdditionalProperties().put("added", "to the copy only");

    assertThat(pod).isEqualTo(before);
    assertThat(pod.getSpec().getNodeName()).isNull();
    assertThat(copy.getSpec()).isNotSameAs(pod.getSpec());
    // Shared, not copied: the cache never modifies them.
    assertThat(copy.getMetadata()).isSameAs(pod.getMetadata());
    assertThat(copy.getSpec().getContainers()).isSameAs(pod.getSpec().getContainers());
  }

  @Test
  void aPodWithoutSpecGetsOneWithTheNodeName() {
    Pod pod = new PodBuilder().withNewMetadata().withName("bare").endMetadata().build();

    assertThat(AssumedPods.boundTo(pod, "n3").getSpec().getNodeName()).isEqualTo("n3");
  }
}

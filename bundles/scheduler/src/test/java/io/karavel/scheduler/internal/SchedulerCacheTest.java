package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.node;
import static io.karavel.scheduler.internal.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {
  private final TestPods.ManualClock clock = new TestPods.ManualClock();
  private final SchedulerCache cache = new SchedulerCache(clock, 30_000);

  @Test
  void assumedPodsCountUntilForgotten() {
    cache.addNode(node("a", "4", "8Gi"));
    PodInfo p = pod("1", "1Gi");
    NodeSnapshot before = cache.snapshot();
    cache.assume(p, "a");
    NodeSnapshot after = cache.snapshot();
    assertThat(before.get("a").requested().milliCpu()).isZero();
    assertThat(after.get("a").requested().milliCpu()).isEqualTo(1000);
    assertThat(cache.isAssumed(p.uid())).isTrue();
    assertThatThrownBy(() -> cache.assume(p, "a")).isInstanceOf(IllegalStateException.class);
    cache.forget(p.uid());
    assertThat(cache.snapshot().get("a").requested().milliCpu()).isZero();
    assertThat(cache.contains(p.uid())).isFalse();
  }

  @Test
  void theInformerConfirmsAnAssumedPodWhereverItWasBound() {
    cache.addNode(node("a", "4", "8Gi"));
    cache.addNode(node("b", "4", "8Gi"));
    PodInfo p = pod("1", "1Gi");
    cache.assume(p, "a");
    cache.finishBinding(p.uid());
    cache.addOrUpdatePod(new PodBuilder(p.pod()).editSpec().withNodeName("b").endSpec().build());
    assertThat(cache.isAssumed(p.uid())).isFalse();
    assertThat(cache.snapshot().get("a").pods()).isEmpty();
    assertThat(cache.snapshot().get("b").pods()).hasSize(1);
    clock.advance(60_000);
    assertThat(cache.expireAssumed()).isEmpty();
    cache.removePod(p.uid());
    assertThat(cache.snapshot().get("b").pods()).isEmpty();
  }

  @Test
  void unconfirmedAssumedPodsExpireAfterTheTtl() {
    cache.addNode(node("a", "4", "8Gi"));
    PodInfo p = pod("1", "1Gi");
    cache.assume(p, "a");
    clock.advance(60_000);
    assertThat(cache.expireAssumed()).as("binding still in flight: no expiry").isEmpty();
    cache.finishBinding(p.uid());
    clock.advance(29_999);
    assertThat(cache.expireAssumed()).isEmpty();
    clock.advance(1);
    assertThat(cache.expireAssumed()).containsExactly(p.key());
    assertThat(cache.snapshot().get("a").pods()).isEmpty();
  }

  @Test
  void snapshotsAreReusedUntilSomethingChangesAndSkipUnknownNodes() {
    cache.addNode(node("a", "4", "8Gi"));
    NodeSnapshot s = cache.snapshot();
    assertThat(cache.snapshot()).isSameAs(s);
    PodInfo orphan =
        PodInfo.of(
            new PodBuilder(pod("1", null).pod()).editSpec().withNodeName("gone").endSpec().build());
    cache.addOrUpdatePod(orphan.pod());
    assertThat(cache.snapshot()).isNotSameAs(s);
    assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("a");
    cache.removeNode("a");
    assertThat(cache.snapshot().nodes()).isEmpty();
  }

  @Test
  void snapshotsFollowNodesAndAffinityPodsIncrementally() {
    for (String n : new String[] {"a", "b", "c", "d"}) {
      cache.addNode(node(n, "4", "8Gi"));
    }
    assertThat(cache.snapshot().nodes())
        .extracting(n -> n.name())
        .containsExactly("a", "b", "c", "d");
    assertThat(cache.snapshot().havePodsWithAffinity()).isEmpty();
    PodInfo anti =
        PodInfo.of(
            new PodBuilder(pod("1", "1Gi").pod())
                .editSpec()
                .withNewAffinity()
                .withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector()
                .addToMatchLabels("app", "x")
                .endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .endAffinity()
                .endSpec()
                .build());
    cache.assume(anti, "b");
    NodeSnapshot s = cache.snapshot();
    assertThat(s.havePodsWithAffinity()).extracting(n -> n.name()).containsExactly("b");
    assertThat(s.havePodsWithRequiredAntiAffinity()).extracting(n -> n.name()).containsExactly("b");
    assertThat(s.get("b").requested().milliCpu()).isEqualTo(1000);
    // a removed node's slot goes to the last node; a node known again comes last
    cache.removeNode("a");
    assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("d", "b", "c");
    cache.addNode(node("a", "4", "8Gi"));
    assertThat(cache.snapshot().nodes())
        .extracting(n -> n.name())
        .containsExactly("d", "b", "c", "a");
    // a node deleted with pods on it leaves the snapshot and its views, and comes back with them
    cache.removeNode("b");
    assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("d", "a", "c");
    assertThat(cache.snapshot().havePodsWithAffinity()).isEmpty();
    cache.addNode(node("b", "4", "8Gi"));
    assertThat(cache.snapshot().havePodsWithRequiredAntiAffinity())
        .extracting(n -> n.name())
        .containsExactly("b");
    cache.forget(anti.uid());
    assertThat(cache.snapshot().havePodsWithAffinity()).isEmpty();
    assertThat(cache.snapshot().havePodsWithRequiredAntiAffinity()).isEmpty();
    assertThat(cache.snapshot().get("b").requested().milliCpu()).isZero();
    assertThat(cache.snapshot().get("b").allocatable().milliCpu()).isEqualTo(4000);
  }
}

package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.pod;
import static io.karavel.scheduler.internal.TestPods.podBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.PodInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {
  private final TestPods.ManualClock clock = new TestPods.ManualClock();
  private final Framework framework =
      Framework.build(
          ProfileDefinition.from(Map.of()),
          TestPods.defaultPlugins(new TestPods.RecordingBinder())::get,
          () -> new Parallelizer(null, 1),
          new PluginMetrics());
  private final SchedulingQueue queue =
      new SchedulingQueue(
          clock,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          p -> framework);

  {
    queue.setQueueSort(framework.queueSort());
  }

  private SchedulingQueue.Entry pop() throws InterruptedException {
    return queue.pop(Duration.ZERO).orElse(null);
  }

  @Test
  void backoffDoublesFromOneToTenSeconds() {
    assertThat(queue.backoffDuration(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(queue.backoffDuration(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(queue.backoffDuration(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(queue.backoffDuration(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(queue.backoffDuration(5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(queue.backoffDuration(50)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void higherPriorityFirstThenOlder() throws InterruptedException {
    PodInfo low1 = pod("1", null);
    clock.advance(1);
    PodInfo low2 = pod("1", null);
    PodInfo high = PodInfo.of(podBuilder("1", null).editSpec().withPriority(100).endSpec().build());
    queue.addOrUpdate(low1);
    clock.advance(1);
    queue.addOrUpdate(low2);
    clock.advance(1);
    queue.addOrUpdate(high);
    assertThat(pop().pod).isSameAs(high);
    assertThat(pop().pod).isSameAs(low1);
    assertThat(pop().pod).isSameAs(low2);
    assertThat(pop()).isNull();
  }

  @Test
  void unschedulablePodWaitsForAnEventItsRejectorCaresAbout() throws InterruptedException {
    PodInfo p = pod("8", null);
    queue.addOrUpdate(p);
    SchedulingQueue.Entry e = pop();
    queue.requeueFailed(
        p.uid(), Set.of("NodeResourcesFit"), "0/1 nodes are available: 1 Insufficient cpu.");
    assertThat(queue.sizes()).containsExactly(0, 0, 1, 0);
    // a label change does not help a pod that lacks CPU
    queue.onEvent(new ClusterEvent(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_LABEL));
    assertThat(queue.sizes()).containsExactly(0, 0, 1, 0);
    // a new node may: the pod goes to backoff (1 s after its first attempt), then to active
    queue.onEvent(new ClusterEvent(ClusterEvent.Resource.NODE, ClusterEvent.ADD));
    assertThat(queue.sizes()).containsExactly(0, 1, 0, 0);
    clock.advance(1000);
    queue.flush();
    assertThat(queue.sizes()).containsExactly(1, 0, 0, 0);
    assertThat(pop().attempts).isEqualTo(2);
    assertThat(e.attempts).isEqualTo(2);
  }

  @Test
  void anEventDuringTheCycleSendsTheFailedPodToBackoffNotUnschedulable()
      throws InterruptedException {
    PodInfo p = pod("8", null);
    queue.addOrUpdate(p);
    pop();
    queue.onEvent(new ClusterEvent(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.DELETE));
    queue.requeueFailed(p.uid(), Set.of("NodeResourcesFit"), "no");
    assertThat(queue.sizes()).containsExactly(0, 1, 0, 0);
  }

  @Test
  void unschedulablePodsAreRetriedAfterFiveMinutes() throws InterruptedException {
    PodInfo p = pod("8", null);
    queue.addOrUpdate(p);
    pop();
    queue.requeueFailed(p.uid(), Set.of("NodeResourcesFit"), "no");
    clock.advance(299_000);
    queue.flush();
    assertThat(queue.sizes()).containsExactly(0, 0, 1, 0);
    clock.advance(1_000);
    queue.flush();
    assertThat(queue.sizes()).containsExactly(1, 0, 0, 0);
  }

  @Test
  void statusOnlyUpdatesDoNotMoveAWaitingPodButSpecUpdatesDo() throws InterruptedException {
    PodInfo p = pod("8", null);
    queue.addOrUpdate(p);
    pop();
    queue.requeueFailed(p.uid(), Set.of("NodeResourcesFit"), "no");
    queue.addOrUpdate(p, false);
    assertThat(queue.sizes()).containsExactly(0, 0, 1, 0);
    queue.addOrUpdate(p, true);
    assertThat(queue.sizes()).containsExactly(0, 1, 0, 0);
  }

  @Test
  void gatedPodsStayOutUntilTheGatesAreRemoved() throws InterruptedException {
    var gated =
        podBuilder("1", null)
            .editSpec()
            .withSchedulingGates(new PodSchedulingGate("wait"))
            .endSpec();
    PodInfo p = PodInfo.of(gated.build());
    queue.addOrUpdate(p);
    assertThat(pop()).isNull();
    assertThat(queue.pending().get(0).where()).isEqualTo(SchedulingQueue.Where.GATED);
    assertThat(queue.pending().get(0).reason()).isEqualTo("waiting for scheduling gates: [wait]");
    queue.addOrUpdate(PodInfo.of(gated.editSpec().withSchedulingGates().endSpec().build()));
    assertThat(pop()).isNotNull();
  }

  @Test
  void deletedPodsAreForgottenEvenInFlight() throws InterruptedException {
    PodInfo p = pod("1", null);
    queue.addOrUpdate(p);
    pop();
    queue.delete(p.uid());
    queue.requeueFailed(p.uid(), Set.of(), "error");
    assertThat(queue.sizes()).containsExactly(0, 0, 0, 0);
  }
}

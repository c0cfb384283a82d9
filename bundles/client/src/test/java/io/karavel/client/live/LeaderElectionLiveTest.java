package io.karavel.client.live;

import static io.karavel.client.live.LiveCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.LeaderElection;
import io.karavel.client.LeaderElectionSettings;
import io.karavel.client.LeaderListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two candidates compete for one coordination.k8s.io/v1 Lease on a real server. */
@Timeout(90)
class LeaderElectionLiveTest {
  private KubernetesClient clientA;
  private KubernetesClient clientB;
  private LeaderElection a;
  private LeaderElection b;

  /** Records what a candidate heard, in order. */
  private static final class Recorder implements LeaderListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void onStartedLeading() {
      heard.add("started");
    }

    @Override
    public void onStoppedLeading() {
      heard.add("stopped");
    }

    @Override
    public void onNewLeader(String identity) {
      heard.add("leader=" + identity);
    }
  }

  @BeforeEach
  void connect() {
    clientA = LiveCluster.client();
    clientB = LiveCluster.client();
  }

  @AfterEach
  void close() {
    for (LeaderElection election : new LeaderElection[] {a, b}) {
      if (election != null) {
        election.stop();
      }
    }
    for (KubernetesClient client : new KubernetesClient[] {clientA, clientB}) {
      if (client != null) {
        client.close();
      }
    }
  }

  private Lease lease(String name) {
    return clientA.leases().inNamespace(NAMESPACE).withName(name).get();
  }

  @Test
  void oneWinsAndTheOtherTakesOverWhenTheFirstStops() throws Exception {
    String lock = LiveCluster.unique("lock");
    // Short timings keep the test fast; lease durations are whole seconds on the wire.
    LeaderElectionSettings base =
        LeaderElectionSettings.of(NAMESPACE, lock, "candidate-a")
            .withTiming(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500));
    Recorder heardA = new Recorder();
    Recorder heardB = new Recorder();
    a = LeaderElection.create(clientA, base, heardA);
    b =
        LeaderElection.create(
            clientB,
            new LeaderElectionSettings(
                NAMESPACE,
                lock,
                "candidate-b",
                base.leaseDuration(),
                base.renewDeadline(),
                base.retryPeriod()),
            heardB);

    a.start();
    assertThat(LiveCluster.eventually(Duration.ofSeconds(10), a::isLeader)).isTrue();
    b.start();
    assertThat(
            LiveCluster.eventually(
                Duration.ofSeconds(10),
                () -> b.currentLeader().equals(java.util.Optional.of("candidate-a"))))
        .isTrue();

    // Several retry periods: a keeps renewing, b keeps waiting.
    Thread.sleep(4000);
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).isFalse();
    Lease held = lease(lock);
    assertThat(held.getSpec().getHolderIdentity()).isEqualTo("candidate-a");
    assertThat(held.getSpec().getLeaseDurationSeconds()).isEqualTo(3);
    assertThat(heardB.heard).doesNotContain("started");

    a.stop();
    assertThat(a.isLeader()).isFalse();
    assertThat(heardA.heard).containsSubsequence("leader=candidate-a", "started", "stopped");
    // Released on stop: b takes over within a few retry periods, well before the lease expires.
    assertThat(LiveCluster.eventually(Duration.ofMillis(2500), b::isLeader)).isTrue();
    assertThat(lease(lock).getSpec().getHolderIdentity()).isEqualTo("candidate-b");
    assertThat(
            LiveCluster.eventually(Duration.ofSeconds(2), () -> heardB.heard.contains("started")))
        .isTrue();
    assertThat(lease(lock).getSpec().getLeaseTransitions()).isGreaterThanOrEqualTo(1);

    b.stop();
    assertThat(
            LiveCluster.eventually(Duration.ofSeconds(2), () -> heardB.heard.contains("stopped")))
        .isTrue();
    clientA.leases().inNamespace(NAMESPACE).withName(lock).delete();
  }
}

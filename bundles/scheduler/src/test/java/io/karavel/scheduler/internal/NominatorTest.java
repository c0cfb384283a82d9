package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.scheduler.spi.PodInfo;
import org.junit.jupiter.api.Test;

class NominatorTest {
  private final Nominator nominator = new Nominator();

  @Test
  void aNominationMovesWithThePod() {
    PodInfo p = pod("1", "1Mi");
    nominator.add(p, "a");
    assertThat(nominator.podsFor("a")).containsExactly(p);
    nominator.add(p, "b");
    assertThat(nominator.podsFor("a")).isEmpty();
    assertThat(nominator.podsFor("b")).containsExactly(p);
    assertThat(nominator.nodesByPodKey()).containsEntry(p.key(), "b");
    assertThat(nominator.remove(p.uid())).isEqualTo("b");
    assertThat(nominator.isEmpty()).isTrue();
  }

  @Test
  void anInMemoryNominationSurvivesAStatusThatHasNotCaughtUp() {
    PodInfo p = pod("1", "1Mi");
    nominator.add(p, "a");
    // An informer update from before the status patch: no nominatedNodeName on either side.
    nominator.update(p, null, null);
    assertThat(nominator.nominatedNode(p.uid())).isEqualTo("a");
    // The status says so: kept.
    nominator.update(p, null, "a");
    assertThat(nominator.nominatedNode(p.uid())).isEqualTo("a");
    // Someone cleared it (a higher-priority preemptor took the node): gone.
    nominator.update(p, "a", null);
    assertThat(nominator.nominatedNode(p.uid())).isNull();
    assertThat(nominator.podsFor("a")).isEmpty();
  }
}

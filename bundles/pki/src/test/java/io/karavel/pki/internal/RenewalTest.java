package io.karavel.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalTest {

  private static final Instant START = Instant.now();

  @TempDir Path dir;

  @Test
  void leavesAreKeptUntilTheLastFifthOfTheirLifetime() throws Exception {
    ClusterPki first = FileClusterPki.loadOrCreate(dir, PkiOptions.defaults(), at(START));
    ClusterPki later =
        FileClusterPki.loadOrCreate(
            dir, PkiOptions.defaults(), at(START.plus(Duration.ofDays(280))));

    assertThat(later.serving().certificate()).isEqualTo(first.serving().certificate());
    assertThat(later.admin().certificate()).isEqualTo(first.admin().certificate());
  }

  @Test
  void leavesNearExpiryAreReissuedFromTheSameCa() throws Exception {
    ClusterPki first = FileClusterPki.loadOrCreate(dir, PkiOptions.defaults(), at(START));
    Instant late = START.plus(Duration.ofDays(300));
    ClusterPki later = FileClusterPki.loadOrCreate(dir, PkiOptions.defaults(), at(late));

    assertThat(later.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(later.serving().certificate()).isNotEqualTo(first.serving().certificate());
    assertThat(later.admin().certificate()).isNotEqualTo(first.admin().certificate());
    assertThat(later.admin().certificate().getNotAfter().toInstant())
        .isEqualTo(late.plus(PkiOptions.DEFAULT_LEAF_VALIDITY).truncatedTo(ChronoUnit.SECONDS));
    assertThat(
            FileClusterPki.loadOrCreate(dir, PkiOptions.defaults(), at(late)).admin().certificate())
        .as("the renewed files were written")
        .isEqualTo(later.admin().certificate());
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}

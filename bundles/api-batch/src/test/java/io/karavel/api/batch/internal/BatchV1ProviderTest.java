package io.karavel.api.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.karavel.apiserver.spi.ResourceDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchV1ProviderTest {
  @Test
  void servesUpstreamDiscovery() {
    assertThat(new BatchV1Provider().resources())
        .extracting(
            ResourceDefinition::apiVersion,
            ResourceDefinition::plural,
            ResourceDefinition::singular,
            ResourceDefinition::shortNames,
            ResourceDefinition::categories,
            ResourceDefinition::subresources,
            ResourceDefinition::verbs)
        .containsExactly(
            tuple(
                "batch/v1",
                "jobs",
                "job",
                List.of(),
                List.of("all"),
                Set.of("status"),
                ResourceDefinition.STANDARD_VERBS),
            tuple(
                "batch/v1",
                "cronjobs",
                "cronjob",
                List.of("cj"),
                List.of("all"),
                Set.of("status"),
                ResourceDefinition.STANDARD_VERBS));
  }
}

package io.karavel.scheduler.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** The Binding DefaultBinder posts, written as text, reads back as upstream's Binding. */
class DefaultBinderTest {
  @Test
  void bindingJsonNamesThePodItsUidAndTheNode() throws Exception {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-\"0\"")
            .withNamespace("team\\a")
            .withUid("u-1")
            .endMetadata()
            .build();
    Binding b =
        new ObjectMapper().readValue(DefaultBinder.bindingJson(pod, "node-7"), Binding.class);
    assertThat(b.getApiVersion()).isEqualTo("v1");
    assertThat(b.getKind()).isEqualTo("Binding");
    assertThat(b.getMetadata().getName()).isEqualTo("web-\"0\"");
    assertThat(b.getMetadata().getNamespace()).isEqualTo("team\\a");
    assertThat(b.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(b.getTarget().getKind()).isEqualTo("Node");
    assertThat(b.getTarget().getApiVersion()).isEqualTo("v1");
    assertThat(b.getTarget().getName()).isEqualTo("node-7");
  }
}

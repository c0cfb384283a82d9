package io.karavel.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** The Event JSON the scheduler writes as text reads back as the Event upstream would write. */
class PodReporterTest {
  @Test
  void eventJsonIsACoreV1EventAboutThePod() throws Exception {
    Pod pod =
        new PodBuilder(TestPods.podBuilder("1", "1Gi").build())
            .editMetadata()
            .withNamespace("ns-\"q\"")
            .withResourceVersion("42")
            .endMetadata()
            .build();
    String message = "0/3 nodes are available: 1 node(s) had untolerated taint {a: b},\n\"x\\y\".";
    String json =
        PodReporter.eventJson(pod, "Warning", "FailedScheduling", message, "sched-1", 255);
    Event e = new ObjectMapper().readValue(json, Event.class);
    assertThat(e.getApiVersion()).isEqualTo("v1");
    assertThat(e.getKind()).isEqualTo("Event");
    assertThat(e.getMetadata().getName()).isEqualTo(pod.getMetadata().getName() + ".ff");
    assertThat(e.getMetadata().getNamespace()).isEqualTo("ns-\"q\"");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
    assertThat(e.getInvolvedObject().getName()).isEqualTo(pod.getMetadata().getName());
    assertThat(e.getInvolvedObject().getUid()).isEqualTo(pod.getMetadata().getUid());
    assertThat(e.getInvolvedObject().getResourceVersion()).isEqualTo("42");
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getReason()).isEqualTo("FailedScheduling");
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.getSource().getComponent()).isEqualTo("default-scheduler");
    assertThat(e.getReportingComponent()).isEqualTo("default-scheduler");
    assertThat(e.getReportingInstance()).isEqualTo("sched-1");
    assertThat(e.getFirstTimestamp()).isEqualTo(e.getLastTimestamp()).endsWith("Z");
    assertThat(e.getCount()).isEqualTo(1);
  }
}

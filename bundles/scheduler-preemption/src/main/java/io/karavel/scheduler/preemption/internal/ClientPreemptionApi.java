package io.karavel.scheduler.preemption.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.karavel.client.KubeClientProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** {@link PreemptionApi} through the client library. */
final class ClientPreemptionApi implements PreemptionApi {
  private static final PatchContext STRATEGIC =
      new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE).build();

  private final KubeClientProvider clients;

  ClientPreemptionApi(KubeClientProvider clients) {
    this.clients = clients;
  }

  @Override
  public List<PodDisruptionBudget> podDisruptionBudgets() {
    return clients.client().policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems();
  }

  @Override
  public void preempt(Pod victim, Pod preemptor, String node, String schedulerName) {
    KubernetesClient c = clients.client();
    String ns = victim.getMetadata().getNamespace();
    String name = victim.getMetadata().getName();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String condition =
        "{\"status\":{\"conditions\":[{\"type\":\"DisruptionTarget\",\"status\":\"True\","
            + "\"reason\":\"PreemptionByScheduler\",\"message\":"
            + json(schedulerName + ": preempting to accommodate a higher priority pod")
            + ",\"lastTransitionTime\":\""
            + now
            + "\"}]}}";
    try {
      c.pods().inNamespace(ns).withName(name).subresource("status").patch(STRATEGIC, condition);
      c.pods().inNamespace(ns).withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return; // already gone
    }
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(ns)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNamespace(ns)
            .withName(name)
            .withUid(victim.getMetadata().getUid())
            .endInvolvedObject()
            .withNewRelated()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNamespace(preemptor.getMetadata().getNamespace())
            .withName(preemptor.getMetadata().getName())
            .withUid(preemptor.getMetadata().getUid())
            .endRelated()
            .withType("Normal")
            .withReason("Preempted")
            .withAction("Preempting")
            .withMessage(
                "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + node)
            .withNewSource()
            .withComponent(schedulerName)
            .endSource()
            .withReportingComponent(schedulerName)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    c.v1().events().inNamespace(ns).resource(event).create();
  }

  @Override
  public void clearNomination(Pod pod) {
    try {
      clients
          .client()
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(STRATEGIC, "{\"status\":{\"nominatedNodeName\":null}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** The string as a JSON string literal (Jackson's escaping), or {@code null}. */
  private static String json(String s) {
    return s == null
        ? "null"
        : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}

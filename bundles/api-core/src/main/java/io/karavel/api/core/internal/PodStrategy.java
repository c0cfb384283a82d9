package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** Pods: initial status with QoS class, upstream defaulting, spec validation and immutability. */
final class PodStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(ObjectNode pod) {
    JsonNode spec = pod.path("spec");
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", PodQos.of(spec));
    if (Nodes.size(spec, "schedulingGates") > 0) {
      ObjectNode c = status.putArray("conditions").addObject();
      c.put("type", "PodScheduled");
      c.put("status", "False");
      c.putNull("lastProbeTime");
      c.putNull("lastTransitionTime");
      c.put("reason", "SchedulingGated");
      c.put("message", "Scheduling is blocked due to non-empty scheduling gates");
    }
  }

  @Override
  public void applyDefaults(ObjectNode pod) {
    PodSpecDefaults.applyToPod(pod);
  }

  /**
   * Upstream's {@code CheckGracefulDelete}: the requested period, else the pod's own; at once for
   * pods never scheduled or already finished; a negative period becomes 1.
   */
  @Override
  public long gracefulDeleteSeconds(ObjectNode pod, Long requested) {
    long period =
        requested != null
            ? requested
            : pod.path("spec").path("terminationGracePeriodSeconds").asLong(0);
    String phase = Nodes.text(pod.path("status"), "phase");
    if (Nodes.text(pod.path("spec"), "nodeName").isEmpty()
        || phase.equals("Succeeded")
        || phase.equals("Failed")) {
      period = 0;
    }
    return period < 0 ? 1 : period;
  }

  @Override
  public List<FieldError> validate(ObjectNode pod) {
    List<FieldError> out = new ArrayList<>();
    PodSpecValidator.validate(pod.path("spec"), "spec", out);
    return out;
  }

  /**
   * Compares against the stored pod as defaulting sees it today, as upstream compares against the
   * decoded and defaulted old object, so that objects stored before a new default do not block
   * updates.
   */
  @Override
  public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
    ObjectNode normalized = old.deepCopy();
    PodSpecDefaults.applyToPod(normalized);
    return PodUpdateRules.validate(pod.path("spec"), normalized.path("spec"));
  }
}

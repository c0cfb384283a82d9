package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io/v1 Lease validation ({@code ValidateLeaseSpec}). */
final class LeaseStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    JsonNode duration = spec.get("leaseDurationSeconds");
    if (duration != null && duration.isNumber() && duration.asLong() <= 0) {
      out.add(
          FieldError.invalid(
              "spec.leaseDurationSeconds", duration.asLong(), "must be greater than 0"));
    }
    JsonNode transitions = spec.get("leaseTransitions");
    if (transitions != null && transitions.isNumber() && transitions.asLong() < 0) {
      out.add(
          FieldError.invalid(
              "spec.leaseTransitions", transitions.asLong(), "must be greater than or equal to 0"));
    }
    boolean hasStrategy = spec.has("strategy") && !spec.get("strategy").isNull();
    if (hasStrategy && Nodes.text(spec, "strategy").isEmpty()) {
      out.add(FieldError.required("spec.strategy", ""));
    }
    if (!Nodes.text(spec, "preferredHolder").isEmpty() && Nodes.text(spec, "strategy").isEmpty()) {
      out.add(
          FieldError.forbidden(
              "spec.preferredHolder", "may only be specified if `strategy` is defined"));
    }
    return out;
  }
}

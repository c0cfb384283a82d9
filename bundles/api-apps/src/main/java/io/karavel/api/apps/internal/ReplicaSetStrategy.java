package io.karavel.api.apps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Validation;
import io.karavel.api.common.internal.WorkloadChecks;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 ReplicaSet defaulting and validation. */
final class ReplicaSetStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    Nodes.defaultInt(spec, "replicas", 1);
    PodTemplates.applyDefaults(Nodes.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    Validation.nonNegative(spec, "replicas", "spec.replicas", out);
    Validation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", out);
    // upstream reuses the Deployment wording for ReplicaSets
    WorkloadChecks.selector(spec, "spec", "empty selector is invalid for deployment", out);
    validateTemplate(spec, out);
    return out;
  }

  /** Upstream's {@code ValidatePodTemplateSpecForReplicaSet} (Deployments use it too). */
  static void validateTemplate(JsonNode spec, List<FieldError> out) {
    WorkloadChecks.templateMatchesSelector(spec, "spec", out);
    JsonNode template = spec.path("template");
    PodTemplates.validate(template, "spec.template", out);
    PodTemplates.restartPolicy(template, "spec.template", List.of("Always"), out);
    if (!Nodes.unset(template.path("spec"), "activeDeadlineSeconds")) {
      out.add(
          FieldError.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    WorkloadChecks.selectorImmutable(o.path("spec"), old.path("spec"), out);
    return out;
  }
}

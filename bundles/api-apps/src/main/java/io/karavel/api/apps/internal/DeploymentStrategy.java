package io.karavel.api.apps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Validation;
import io.karavel.api.common.internal.WorkloadChecks;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 Deployment defaulting and validation, as upstream's {@code SetDefaults_Deployment}. */
final class DeploymentStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    Nodes.defaultInt(spec, "replicas", 1);
    ObjectNode strategy = Nodes.object(spec, "strategy");
    Nodes.defaultText(strategy, "type", "RollingUpdate");
    if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode ru = Nodes.object(strategy, "rollingUpdate");
      if (Nodes.unset(ru, "maxUnavailable")) {
        ru.put("maxUnavailable", "25%");
      }
      if (Nodes.unset(ru, "maxSurge")) {
        ru.put("maxSurge", "25%");
      }
    }
    Nodes.defaultInt(spec, "revisionHistoryLimit", 10);
    Nodes.defaultInt(spec, "progressDeadlineSeconds", 600);
    PodTemplates.applyDefaults(Nodes.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    Validation.nonNegative(spec, "replicas", "spec.replicas", out);
    WorkloadChecks.selector(spec, "spec", "empty selector is invalid for deployment", out);
    ReplicaSetStrategy.validateTemplate(spec, out);
    validateStrategy(spec.path("strategy"), out);
    Validation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", out);
    Validation.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", out);
    Validation.nonNegative(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds", out);
    JsonNode deadline = spec.get("progressDeadlineSeconds");
    if (deadline != null
        && deadline.isNumber()
        && deadline.asLong() <= spec.path("minReadySeconds").asLong(0)) {
      out.add(
          FieldError.invalid(
              "spec.progressDeadlineSeconds",
              deadline.asLong(),
              "must be greater than minReadySeconds"));
    }
    return out;
  }

  private static void validateStrategy(JsonNode strategy, List<FieldError> out) {
    String type = Nodes.text(strategy, "type");
    switch (type) {
      case "Recreate" -> {
        if (!Nodes.unset(strategy, "rollingUpdate")) {
          out.add(
              FieldError.forbidden(
                  "spec.strategy.rollingUpdate",
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        JsonNode ru = strategy.get("rollingUpdate");
        if (ru == null || ru.isNull()) {
          out.add(
              FieldError.required(
                  "spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
          return;
        }
        String p = "spec.strategy.rollingUpdate";
        Validation.intOrPercent(ru.get("maxUnavailable"), p + ".maxUnavailable", out);
        Validation.intOrPercent(ru.get("maxSurge"), p + ".maxSurge", out);
        if (Validation.intOrPercentValue(ru.get("maxUnavailable")) == 0
            && Validation.intOrPercentValue(ru.get("maxSurge")) == 0) {
          out.add(
              Validation.invalidRaw(
                  p + ".maxUnavailable",
                  GoValues.scalar(ru.get("maxUnavailable")),
                  "may not be 0 when `maxSurge` is 0"));
        }
        Validation.notMoreThan100Percent(ru.get("maxUnavailable"), p + ".maxUnavailable", out);
      }
      default ->
          out.add(
              FieldError.notSupported(
                  "spec.strategy.type", type, List.of("Recreate", "RollingUpdate")));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    WorkloadChecks.selectorImmutable(o.path("spec"), old.path("spec"), out);
    return out;
  }
}

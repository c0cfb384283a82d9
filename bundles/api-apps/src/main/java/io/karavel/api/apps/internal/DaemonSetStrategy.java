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

/** apps/v1 DaemonSet defaulting and validation. */
final class DaemonSetStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    ObjectNode strategy = Nodes.object(spec, "updateStrategy");
    Nodes.defaultText(strategy, "type", "RollingUpdate");
    if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode ru = Nodes.object(strategy, "rollingUpdate");
      Nodes.defaultInt(ru, "maxUnavailable", 1);
      Nodes.defaultInt(ru, "maxSurge", 0);
    }
    Nodes.defaultInt(spec, "revisionHistoryLimit", 10);
    PodTemplates.applyDefaults(Nodes.object(spec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    WorkloadChecks.selector(spec, "spec", "empty selector is invalid for daemonset", out);
    WorkloadChecks.templateMatchesSelector(spec, "spec", out);
    JsonNode template = spec.path("template");
    PodTemplates.validate(template, "spec.template", out);
    PodTemplates.restartPolicy(template, "spec.template", List.of("Always"), out);
    JsonNode ads = template.path("spec").get("activeDeadlineSeconds");
    if (ads != null && !ads.isNull()) {
      out.add(
          FieldError.invalid(
              "spec.template.spec.activeDeadlineSeconds",
              ads.asLong(),
              "activeDeadlineSeconds in DaemonSet is not Supported"));
    }
    Validation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", out);
    Validation.nonNegative(spec, "templateGeneration", "spec.templateGeneration", out);
    validateStrategy(spec.path("updateStrategy"), out);
    Validation.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", out);
    return out;
  }

  private static void validateStrategy(JsonNode strategy, List<FieldError> out) {
    String type = Nodes.text(strategy, "type");
    switch (type) {
      case "OnDelete" -> {}
      case "RollingUpdate" -> {
        JsonNode ru = strategy.get("rollingUpdate");
        String p = "spec.updateStrategy.rollingUpdate";
        if (ru == null || ru.isNull()) {
          out.add(FieldError.required(p, ""));
          return;
        }
        Validation.intOrPercent(ru.get("maxUnavailable"), p + ".maxUnavailable", out);
        Validation.intOrPercent(ru.get("maxSurge"), p + ".maxSurge", out);
        Validation.notMoreThan100Percent(ru.get("maxUnavailable"), p + ".maxUnavailable", out);
        Validation.notMoreThan100Percent(ru.get("maxSurge"), p + ".maxSurge", out);
        boolean unavailable = Validation.intOrPercentValue(ru.get("maxUnavailable")) != 0;
        boolean surge = Validation.intOrPercentValue(ru.get("maxSurge")) != 0;
        if (unavailable && surge) {
          out.add(
              Validation.invalidRaw(
                  p + ".maxSurge",
                  GoValues.scalar(ru.get("maxSurge")),
                  "may not be set when maxUnavailable is non-zero"));
        } else if (!unavailable && !surge) {
          out.add(FieldError.required(p + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
      }
      default ->
          out.add(
              FieldError.notSupported(
                  "spec.updateStrategy.type", type, List.of("RollingUpdate", "OnDelete")));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    WorkloadChecks.selectorImmutable(o.path("spec"), old.path("spec"), out);
    return out;
  }
}

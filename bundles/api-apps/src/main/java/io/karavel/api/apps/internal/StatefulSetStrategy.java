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

/** apps/v1 StatefulSet defaulting and validation. */
final class StatefulSetStrategy implements ResourceStrategy {

  /** The spec fields an update may change (everything else is fixed at create). */
  private static final String[] MUTABLE =
      List.of(
              "replicas",
              "ordinals",
              "template",
              "updateStrategy",
              "revisionHistoryLimit",
              "persistentVolumeClaimRetentionPolicy",
              "minReadySeconds")
          .toArray(String[]::new);

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    Nodes.defaultText(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Nodes.object(spec, "updateStrategy");
    if (Nodes.text(strategy, "type").isEmpty()) {
      strategy.put("type", "RollingUpdate");
      Nodes.object(strategy, "rollingUpdate");
    }
    if (Nodes.text(strategy, "type").equals("RollingUpdate")
        && strategy.get("rollingUpdate") instanceof ObjectNode ru) {
      Nodes.defaultInt(ru, "partition", 0);
    }
    ObjectNode retention = Nodes.object(spec, "persistentVolumeClaimRetentionPolicy");
    Nodes.defaultText(retention, "whenDeleted", "Retain");
    Nodes.defaultText(retention, "whenScaled", "Retain");
    Nodes.defaultInt(spec, "replicas", 1);
    Nodes.defaultInt(spec, "revisionHistoryLimit", 10);
    PodTemplates.applyDefaults(Nodes.object(spec, "template"));
    for (ObjectNode pvc : Nodes.objects(spec, "volumeClaimTemplates")) {
      Nodes.defaultText(pvc, "apiVersion", "v1");
      Nodes.defaultText(pvc, "kind", "PersistentVolumeClaim");
      Nodes.defaultText(Nodes.object(pvc, "spec"), "volumeMode", "Filesystem");
      Nodes.defaultText(Nodes.object(pvc, "status"), "phase", "Pending");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    String pmp = Nodes.text(spec, "podManagementPolicy");
    if (!pmp.equals("OrderedReady") && !pmp.equals("Parallel")) {
      out.add(
          FieldError.invalid(
              "spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
    }
    JsonNode strategy = spec.path("updateStrategy");
    switch (Nodes.text(strategy, "type")) {
      case "RollingUpdate" -> {
        JsonNode ru = strategy.path("rollingUpdate");
        Validation.nonNegative(ru, "partition", "spec.updateStrategy.rollingUpdate.partition", out);
      }
      case "OnDelete" -> {
        if (!Nodes.unset(strategy, "rollingUpdate")) {
          out.add(
              Validation.invalidRaw(
                  "spec.updateStrategy.rollingUpdate",
                  strategy.get("rollingUpdate").toString(),
                  "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      default ->
          out.add(
              Validation.invalidRaw(
                  "spec.updateStrategy",
                  strategy.toString(),
                  "must be 'RollingUpdate' or 'OnDelete'"));
    }
    JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
    for (String f : List.of("whenDeleted", "whenScaled")) {
      String v = Nodes.text(retention, f);
      if (!v.isEmpty() && !v.equals("Retain") && !v.equals("Delete")) {
        out.add(
            FieldError.notSupported(
                "spec.persistentVolumeClaimRetentionPolicy." + f, v, List.of("Retain", "Delete")));
      }
    }
    Validation.nonNegative(spec.path("ordinals"), "start", "spec.ordinals.start", out);
    Validation.nonNegative(spec, "replicas", "spec.replicas", out);
    Validation.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", out);
    WorkloadChecks.selector(spec, "spec", "empty selector is invalid for statefulset", out);
    WorkloadChecks.templateMatchesSelector(spec, "spec", out);
    JsonNode template = spec.path("template");
    PodTemplates.validate(template, "spec.template", out);
    PodTemplates.restartPolicy(template, "spec.template", List.of("Always"), out);
    if (!Nodes.unset(template.path("spec"), "activeDeadlineSeconds")) {
      out.add(
          FieldError.forbidden(
              "spec.template.spec.activeDeadlineSeconds",
              "activeDeadlineSeconds in StatefulSet is not Supported"));
    }
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    if (!Nodes.same(
        Nodes.without(o.path("spec"), MUTABLE), Nodes.without(old.path("spec"), MUTABLE))) {
      return List.of(
          FieldError.forbidden(
              "spec",
              "updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                  + " 'template', 'updateStrategy', 'revisionHistoryLimit',"
                  + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are"
                  + " forbidden"));
    }
    return List.of();
  }
}

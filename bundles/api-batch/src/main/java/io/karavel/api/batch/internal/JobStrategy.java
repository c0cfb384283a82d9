package io.karavel.api.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.LabelSelectors;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Validation;
import io.karavel.api.common.internal.WorkloadChecks;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * batch/v1 Job: selector generation on create, defaulting ({@code SetDefaults_Job}) and validation.
 */
final class JobStrategy implements ResourceStrategy {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME = "job-name";

  /** Template fields a suspended Job that never started may still change. */
  private static final String[] SCHEDULING_DIRECTIVES = {
    "nodeSelector", "affinity", "tolerations", "schedulingGates"
  };

  @Override
  public void prepareForCreate(ObjectNode o) {
    if (!o.path("spec").path("manualSelector").asBoolean(false)) {
      generateSelector(o);
    }
  }

  /**
   * Labels the pod template with the job's name and uid and selects the uid, so pods of this Job
   * are never confused with another's (upstream's {@code generateSelector}).
   */
  private static void generateSelector(ObjectNode o) {
    String name = o.path("metadata").path("name").asText();
    String uid = o.path("metadata").path("uid").asText();
    ObjectNode spec = Nodes.object(o, "spec");
    ObjectNode labels =
        Nodes.object(Nodes.object(Nodes.object(spec, "template"), "metadata"), "labels");
    for (String key : List.of(LEGACY_JOB_NAME, JOB_NAME)) {
      if (!labels.has(key)) {
        labels.put(key, name);
      }
    }
    for (String key : List.of(LEGACY_CONTROLLER_UID, CONTROLLER_UID)) {
      if (!labels.has(key)) {
        labels.put(key, uid);
      }
    }
    ObjectNode matchLabels = Nodes.object(Nodes.object(spec, "selector"), "matchLabels");
    if (!matchLabels.has(CONTROLLER_UID)) {
      matchLabels.put(CONTROLLER_UID, uid);
    }
  }

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    if (Nodes.unset(spec, "completions") && Nodes.unset(spec, "parallelism")) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    Nodes.defaultInt(spec, "parallelism", 1);
    if (Nodes.unset(spec, "backoffLimit")) {
      spec.put("backoffLimit", Nodes.unset(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
    }
    ObjectNode template = Nodes.object(spec, "template");
    JsonNode templateLabels = template.path("metadata").get("labels");
    if (templateLabels instanceof ObjectNode tl && !Nodes.nonEmpty(o.path("metadata"), "labels")) {
      Nodes.object(o, "metadata").set("labels", tl.deepCopy());
    }
    Nodes.defaultText(spec, "completionMode", "NonIndexed");
    Nodes.defaultBool(spec, "suspend", false);
    if (spec.get("podFailurePolicy") instanceof ObjectNode pfp) {
      for (ObjectNode rule : Nodes.objects(pfp, "rules")) {
        for (ObjectNode pattern : Nodes.objects(rule, "onPodConditions")) {
          Nodes.defaultText(pattern, "status", "True");
        }
      }
    }
    Nodes.defaultText(
        spec,
        "podReplacementPolicy",
        Nodes.unset(spec, "podFailurePolicy") ? "TerminatingOrFailed" : "Failed");
    Nodes.defaultBool(spec, "manualSelector", false);
    PodTemplates.applyDefaults(template);
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    JobSpecs.validate(spec, "spec", out);
    WorkloadChecks.selector(spec, "spec", null, out);
    WorkloadChecks.templateMatchesSelector(spec, "spec", out);
    if (!spec.path("manualSelector").asBoolean(false)
        && spec.get("selector") instanceof ObjectNode sel) {
      ObjectNode expected = Nodes.MAPPER.createObjectNode();
      expected.put(CONTROLLER_UID, o.path("metadata").path("uid").asText());
      if (LabelSelectors.parses(sel) && !LabelSelectors.matches(sel, expected)) {
        out.add(
            Validation.invalidRaw(
                "spec.selector", GoValues.labelSelector(sel), "`selector` not auto-generated"));
      }
    }
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    JsonNode oldSpec = old.path("spec");
    boolean indexed = Nodes.text(spec, "completionMode").equals("Indexed");
    if (indexed && Nodes.text(oldSpec, "completionMode").equals("Indexed")) {
      // elastic indexed Jobs: completions may change together with parallelism
      if (!Nodes.same(spec.get("completions"), oldSpec.get("completions"))
          && !Nodes.same(spec.get("completions"), spec.get("parallelism"))) {
        out.add(
            Validation.invalidRaw(
                "spec.completions",
                GoValues.scalar(spec.get("completions")),
                "can only be modified in tandem with spec.parallelism"));
      }
    } else {
      Validation.immutable(
          spec.get("completions"),
          oldSpec.get("completions"),
          "spec.completions",
          GoValues.scalar(spec.get("completions")),
          out);
    }
    WorkloadChecks.selectorImmutable(spec, oldSpec, out);
    JsonNode template = spec.path("template");
    JsonNode oldTemplate = oldSpec.path("template");
    boolean neverStarted =
        oldSpec.path("suspend").asBoolean(false) && Nodes.unset(old.path("status"), "startTime");
    if (neverStarted) {
      template = withoutSchedulingDirectives(template);
      oldTemplate = withoutSchedulingDirectives(oldTemplate);
    }
    Validation.immutable(
        template, oldTemplate, "spec.template", String.valueOf(spec.get("template")), out);
    for (String f : List.of("completionMode", "podFailurePolicy", "backoffLimitPerIndex")) {
      Validation.immutable(
          spec.get(f), oldSpec.get(f), "spec." + f, GoValues.scalar(spec.get(f)), out);
    }
    return out;
  }

  private static JsonNode withoutSchedulingDirectives(JsonNode template) {
    if (!(template instanceof ObjectNode t)) {
      return template;
    }
    ObjectNode copy = t.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode meta) {
      meta.remove(List.of("labels", "annotations"));
    }
    if (copy.get("spec") instanceof ObjectNode s) {
      s.remove(List.of(SCHEDULING_DIRECTIVES));
    }
    return copy;
  }
}

package io.karavel.api.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import java.util.List;

/**
 * Validation of a {@code JobSpec} wherever it appears (a Job's {@code spec}, a CronJob's {@code
 * spec.jobTemplate.spec}), as upstream's {@code validateJobSpec}.
 */
final class JobSpecs {
  private JobSpecs() {}

  static final int MAX_INDEXED_COMPLETIONS = 100_000;

  static void validate(JsonNode spec, String path, List<FieldError> out) {
    Validation.nonNegative(spec, "parallelism", path + ".parallelism", out);
    Validation.nonNegative(spec, "completions", path + ".completions", out);
    Validation.nonNegative(spec, "activeDeadlineSeconds", path + ".activeDeadlineSeconds", out);
    Validation.nonNegative(spec, "backoffLimit", path + ".backoffLimit", out);
    Validation.nonNegative(spec, "ttlSecondsAfterFinished", path + ".ttlSecondsAfterFinished", out);
    String mode = Nodes.text(spec, "completionMode");
    if (!mode.isEmpty() && !mode.equals("NonIndexed") && !mode.equals("Indexed")) {
      out.add(
          FieldError.notSupported(
              path + ".completionMode", mode, List.of("NonIndexed", "Indexed")));
    }
    if (mode.equals("Indexed")) {
      JsonNode completions = spec.get("completions");
      if (completions == null || completions.isNull()) {
        out.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
      } else if (completions.asLong() > MAX_INDEXED_COMPLETIONS) {
        out.add(
            FieldError.invalid(
                path + ".completions",
                completions.asLong(),
                "must be less than or equal to 100000 when completion mode is Indexed"));
      }
    }
    if (!Nodes.unset(spec, "backoffLimitPerIndex") && !mode.equals("Indexed")) {
      out.add(
          FieldError.required(
              path + ".completionMode",
              "when backoffLimitPerIndex is specified, completionMode must be \"Indexed\""));
    }
    String replacement = Nodes.text(spec, "podReplacementPolicy");
    if (!replacement.isEmpty()) {
      if (!Nodes.unset(spec, "podFailurePolicy")) {
        if (!replacement.equals("Failed")) {
          out.add(
              FieldError.notSupported(
                  path + ".podReplacementPolicy", replacement, List.of("Failed")));
        }
      } else if (!replacement.equals("TerminatingOrFailed") && !replacement.equals("Failed")) {
        out.add(
            FieldError.notSupported(
                path + ".podReplacementPolicy",
                replacement,
                List.of("Failed", "TerminatingOrFailed")));
      }
    }
    JsonNode template = spec.path("template");
    PodTemplates.validate(template, path + ".template", out);
    PodTemplates.restartPolicy(template, path + ".template", List.of("OnFailure", "Never"), out);
  }
}

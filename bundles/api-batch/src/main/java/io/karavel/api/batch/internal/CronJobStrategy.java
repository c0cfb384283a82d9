package io.karavel.api.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** batch/v1 CronJob defaulting ({@code SetDefaults_CronJob}) and validation. */
final class CronJobStrategy implements ResourceStrategy {
  /** Job names get an 11-character suffix and must stay valid label values (63). */
  static final int MAX_NAME_LENGTH = 52;

  private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

  @Override
  public void applyDefaults(ObjectNode o) {
    ObjectNode spec = Nodes.object(o, "spec");
    Nodes.defaultText(spec, "concurrencyPolicy", "Allow");
    Nodes.defaultBool(spec, "suspend", false);
    Nodes.defaultInt(spec, "successfulJobsHistoryLimit", 3);
    Nodes.defaultInt(spec, "failedJobsHistoryLimit", 1);
    // Job defaults apply to Jobs only; the embedded pod template still gets pod defaults
    ObjectNode jobSpec = Nodes.object(Nodes.object(spec, "jobTemplate"), "spec");
    PodTemplates.applyDefaults(Nodes.object(jobSpec, "template"));
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    String name = o.path("metadata").path("name").asText();
    if (name.length() > MAX_NAME_LENGTH) {
      out.add(FieldError.invalid("metadata.name", name, Validation.maxLen(MAX_NAME_LENGTH)));
    }
    JsonNode spec = o.path("spec");
    String schedule = Nodes.text(spec, "schedule");
    if (schedule.isEmpty()) {
      out.add(FieldError.required("spec.schedule", ""));
    } else {
      CronSchedule.error(schedule)
          .ifPresent(e -> out.add(FieldError.invalid("spec.schedule", schedule, e)));
      if (schedule.contains("TZ")) {
        out.add(
            FieldError.invalid(
                "spec.schedule",
                schedule,
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
      }
    }
    validateTimeZone(spec.get("timeZone"), out);
    Validation.nonNegative(spec, "startingDeadlineSeconds", "spec.startingDeadlineSeconds", out);
    String policy = Nodes.text(spec, "concurrencyPolicy");
    if (policy.isEmpty()) {
      out.add(FieldError.required("spec.concurrencyPolicy", ""));
    } else if (!List.of("Allow", "Forbid", "Replace").contains(policy)) {
      out.add(
          FieldError.notSupported(
              "spec.concurrencyPolicy", policy, List.of("Allow", "Forbid", "Replace")));
    }
    Validation.nonNegative(
        spec, "successfulJobsHistoryLimit", "spec.successfulJobsHistoryLimit", out);
    Validation.nonNegative(spec, "failedJobsHistoryLimit", "spec.failedJobsHistoryLimit", out);
    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
    JobSpecs.validate(jobSpec, "spec.jobTemplate.spec", out);
    if (!Nodes.unset(jobSpec, "selector")) {
      out.add(
          Validation.invalidRaw(
              "spec.jobTemplate.spec.selector",
              GoValues.labelSelector(jobSpec.get("selector")),
              "`selector` will be auto-generated"));
    }
    if (jobSpec.path("manualSelector").asBoolean(false)) {
      out.add(
          FieldError.notSupported(
              "spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false")));
    }
    return out;
  }

  /** Upstream's {@code validateTimeZone}: nil or an explicit IANA zone name. */
  static void validateTimeZone(JsonNode tzNode, List<FieldError> out) {
    if (tzNode == null || tzNode.isNull()) {
      return;
    }
    String tz = tzNode.asText();
    String path = "spec.timeZone";
    if (tz.isEmpty()) {
      out.add(FieldError.invalid(path, tz, "timeZone must be nil or non-empty string"));
      return;
    }
    for (String part : tz.split("/", -1)) {
      if (part.equals(".")
          || part.equals("..")
          || part.startsWith("-")
          || !TIME_ZONE_PART.matcher(part).matches()) {
        out.add(FieldError.invalid(path, tz, "unknown time zone " + tz));
        return;
      }
    }
    if (tz.toLowerCase(Locale.ROOT).equals("local")) {
      out.add(
          FieldError.invalid(
              path,
              tz,
              "timeZone must be an explicit time zone as defined in"
                  + " https://www.iana.org/time-zones"));
    } else if (!CronSchedule.knownZone(tz)) {
      out.add(FieldError.invalid(path, tz, "unknown time zone " + tz));
    }
  }
}

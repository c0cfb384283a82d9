package io.karavel.api.batch.internal;

import static io.karavel.api.common.internal.Tables.CONTAINERS_DESC;
import static io.karavel.api.common.internal.Tables.IMAGES_DESC;
import static io.karavel.api.common.internal.Tables.age;
import static io.karavel.api.common.internal.Tables.name;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.api.common.internal.LabelSelectors;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.api.common.internal.Tables;
import io.karavel.apiserver.spi.Durations;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Table columns and rows of batch/v1, as upstream's server-side printers produce them. */
final class BatchTables {
  private BatchTables() {}

  static final TableDefinition JOBS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Status", "string", "Status of the job."),
              TableColumn.of(
                  "Completions", "string", "The number of pods which reached phase Succeeded."),
              TableColumn.of("Duration", "string", "Time required to complete the job."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC),
              TableColumn.wide(
                  "Selector",
                  "string",
                  "A label query over pods that should match the pod count.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(jobStatus(o));
            cells.add(completions(o));
            cells.add(duration(o.path("status"), now));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(spec.path("template").path("spec")));
            cells.add(LabelSelectors.formatOrNone(spec.get("selector")));
            return cells;
          });

  static final TableDefinition CRON_JOBS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Schedule",
                  "string",
                  "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
              TableColumn.of(
                  "Timezone",
                  "string",
                  "The time zone name for the given schedule, see"
                      + " https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
              TableColumn.of(
                  "Suspend",
                  "boolean",
                  "This flag tells the controller to suspend subsequent executions, it does not"
                      + " apply to already started executions.  Defaults to false."),
              TableColumn.of("Active", "integer", "A list of pointers to currently running jobs."),
              TableColumn.of(
                  "Last Schedule",
                  "string",
                  "Information when was the last time the job was successfully scheduled."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC),
              TableColumn.wide(
                  "Selector",
                  "string",
                  "A label query over pods that should match the pod count.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            JsonNode jobSpec = spec.path("jobTemplate").path("spec");
            JsonNode last = o.path("status").get("lastScheduleTime");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(Nodes.text(spec, "schedule"));
            cells.add(Nodes.unset(spec, "timeZone") ? "<none>" : spec.get("timeZone").asText());
            JsonNode suspend = spec.get("suspend");
            cells.add(
                suspend == null || suspend.isNull()
                    ? "<unset>"
                    : suspend.asBoolean() ? "True" : "False");
            cells.add((long) Nodes.size(o.path("status"), "active"));
            cells.add(last == null || last.isNull() ? "<none>" : Tables.since(last, now));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(jobSpec.path("template").path("spec")));
            cells.add(LabelSelectors.formatOrNone(jobSpec.get("selector")));
            return cells;
          });

  /** The first condition of a type decides, as upstream's {@code hasJobCondition}. */
  private static boolean condition(JsonNode o, String type) {
    for (JsonNode c : o.path("status").path("conditions")) {
      if (Nodes.text(c, "type").equals(type)) {
        return Nodes.text(c, "status").equals("True");
      }
    }
    return false;
  }

  static String jobStatus(JsonNode o) {
    if (condition(o, "Complete")) {
      return "Complete";
    } else if (condition(o, "Failed")) {
      return "Failed";
    } else if (!Nodes.unset(o.path("metadata"), "deletionTimestamp")) {
      return "Terminating";
    } else if (condition(o, "Suspended")) {
      return "Suspended";
    } else if (condition(o, "FailureTarget")) {
      return "FailureTarget";
    }
    return "Running";
  }

  private static String completions(JsonNode o) {
    JsonNode spec = o.path("spec");
    long succeeded = o.path("status").path("succeeded").asLong(0);
    if (!Nodes.unset(spec, "completions")) {
      return succeeded + "/" + spec.get("completions").asLong();
    }
    long parallelism = spec.path("parallelism").asLong(0);
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String duration(JsonNode status, Instant now) {
    Instant start = instant(status.get("startTime"));
    if (start == null) {
      return "";
    }
    Instant end = instant(status.get("completionTime"));
    return Durations.human(Duration.between(start, end == null ? now : end));
  }

  private static Instant instant(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

package io.karavel.api.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronJobStrategyTest {
  private final CronJobStrategy strategy = new CronJobStrategy();

  private ObjectNode hello() {
    ObjectNode cj =
        Json.parse(
            "{'metadata':{'name':'hello'},'spec':{'schedule':'* * * * *','jobTemplate':{'spec':"
                + "{'template':{'spec':{'containers':[{'name':'hello','image':'busybox:1.28'}],"
                + "'restartPolicy':'OnFailure'}}}}}}");
    strategy.applyDefaults(cj);
    return cj;
  }

  @Test
  void defaults() {
    ObjectNode cj = hello();
    assertThat(cj.get("spec"))
        .isEqualTo(
            Json.parse(
                "{'schedule':'* * * * *','jobTemplate':{'spec':{'template':{'spec':{'containers':"
                    + "[{'name':'hello','image':'busybox:1.28','terminationMessagePath':"
                    + "'/dev/termination-log','terminationMessagePolicy':'File',"
                    + "'imagePullPolicy':'IfNotPresent'}],'restartPolicy':'OnFailure',"
                    + "'dnsPolicy':'ClusterFirst','securityContext':{},"
                    + "'terminationGracePeriodSeconds':30,'schedulerName':'default-scheduler'}}}},"
                    + "'concurrencyPolicy':'Allow','suspend':false,'successfulJobsHistoryLimit':3,"
                    + "'failedJobsHistoryLimit':1}"));
    assertThat(strategy.validate(cj)).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "schedule with too few fields",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("schedule", "* * *"),
            List.of(
                FieldError.invalid(
                    "spec.schedule", "* * *", "expected exactly 5 fields, found 3: [* * *]"))),
        Arguments.of(
            "missing schedule",
            (Consumer<ObjectNode>) cj -> cj.with("spec").remove("schedule"),
            List.of(FieldError.required("spec.schedule", ""))),
        Arguments.of(
            "TZ in schedule",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("schedule", "CRON_TZ=UTC 0 * * * *"),
            List.of(
                FieldError.invalid(
                    "spec.schedule",
                    "CRON_TZ=UTC 0 * * * *",
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))),
        Arguments.of(
            "unknown time zone",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("timeZone", "Mars/Olympus"),
            List.of(
                FieldError.invalid(
                    "spec.timeZone", "Mars/Olympus", "unknown time zone Mars/Olympus"))),
        Arguments.of(
            "local time zone",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("timeZone", "Local"),
            List.of(
                FieldError.invalid(
                    "spec.timeZone",
                    "Local",
                    "timeZone must be an explicit time zone as defined in"
                        + " https://www.iana.org/time-zones"))),
        Arguments.of(
            "empty time zone",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("timeZone", ""),
            List.of(
                FieldError.invalid(
                    "spec.timeZone", "", "timeZone must be nil or non-empty string"))),
        Arguments.of(
            "valid time zone",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("timeZone", "America/New_York"),
            List.of()),
        Arguments.of(
            "bad concurrency policy",
            (Consumer<ObjectNode>) cj -> cj.with("spec").put("concurrencyPolicy", "Sometimes"),
            List.of(
                FieldError.notSupported(
                    "spec.concurrencyPolicy", "Sometimes", List.of("Allow", "Forbid", "Replace")))),
        Arguments.of(
            "name too long",
            (Consumer<ObjectNode>) cj -> cj.with("metadata").put("name", "x".repeat(53)),
            List.of(
                FieldError.invalid(
                    "metadata.name", "x".repeat(53), "must be no more than 52 characters"))),
        Arguments.of(
            "restart policy Always in job template",
            (Consumer<ObjectNode>)
                cj ->
                    ((ObjectNode) cj.at("/spec/jobTemplate/spec/template/spec"))
                        .put("restartPolicy", "Always"),
            List.of(
                FieldError.notSupported(
                    "spec.jobTemplate.spec.template.spec.restartPolicy",
                    "Always",
                    List.of("OnFailure", "Never")))),
        Arguments.of(
            "manual selector in job template",
            (Consumer<ObjectNode>)
                cj -> ((ObjectNode) cj.at("/spec/jobTemplate/spec")).put("manualSelector", true),
            List.of(
                FieldError.notSupported(
                    "spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void validates(String what, Consumer<ObjectNode> breakIt, List<FieldError> expected) {
    ObjectNode cj = hello();
    breakIt.accept(cj);
    assertThat(strategy.validate(cj)).containsExactlyInAnyOrderElementsOf(expected);
  }
}

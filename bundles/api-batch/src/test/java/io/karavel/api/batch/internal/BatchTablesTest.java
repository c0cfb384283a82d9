package io.karavel.api.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatchTablesTest {
  private static final Instant NOW = Instant.parse("2025-01-01T01:00:00Z");
  private static final String META =
      "'metadata':{'name':'pi','creationTimestamp':'2025-01-01T00:50:00Z'}";
  private static final String SPEC =
      "'spec':{'completions':1,'parallelism':1,'selector':{'matchLabels':"
          + "{'batch.kubernetes.io/controller-uid':'u1'}},'template':{'spec':{'containers':"
          + "[{'name':'pi','image':'perl:5.34'}]}}}";
  private static final String JOB_HEADERS =
      "NAME STATUS COMPLETIONS DURATION AGE CONTAINERS IMAGES SELECTOR";

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "running job",
            BatchTables.JOBS,
            JOB_HEADERS,
            "{" + META + "," + SPEC + ",'status':{'startTime':'2025-01-01T00:58:00Z','active':1}}",
            List.of(
                "pi",
                "Running",
                "0/1",
                "2m",
                "10m",
                "pi",
                "perl:5.34",
                "batch.kubernetes.io/controller-uid=u1")),
        Arguments.of(
            "complete job",
            BatchTables.JOBS,
            JOB_HEADERS,
            "{"
                + META
                + ","
                + SPEC
                + ",'status':{'startTime':'2025-01-01T00:50:00Z',"
                + "'completionTime':'2025-01-01T00:50:42Z','succeeded':1,"
                + "'conditions':[{'type':'SuccessCriteriaMet','status':'True'},"
                + "{'type':'Complete','status':'True'}]}}",
            List.of(
                "pi",
                "Complete",
                "1/1",
                "42s",
                "10m",
                "pi",
                "perl:5.34",
                "batch.kubernetes.io/controller-uid=u1")),
        Arguments.of(
            "failed job",
            BatchTables.JOBS,
            JOB_HEADERS,
            "{"
                + META
                + ","
                + SPEC
                + ",'status':{'conditions':[{'type':'Failed','status':'True'}]}}",
            List.of(
                "pi",
                "Failed",
                "0/1",
                "",
                "10m",
                "pi",
                "perl:5.34",
                "batch.kubernetes.io/controller-uid=u1")),
        Arguments.of(
            "suspended work queue job",
            BatchTables.JOBS,
            JOB_HEADERS,
            "{"
                + META
                + ",'spec':{'parallelism':3,'suspend':true},"
                + "'status':{'conditions':[{'type':'Suspended','status':'True'}]}}",
            List.of("pi", "Suspended", "0/1 of 3", "", "10m", "", "", "<none>")),
        Arguments.of(
            "terminating job",
            BatchTables.JOBS,
            JOB_HEADERS,
            "{'metadata':{'name':'pi','creationTimestamp':'2025-01-01T00:50:00Z',"
                + "'deletionTimestamp':'2025-01-01T00:59:00Z'},'spec':{'parallelism':1}}",
            List.of("pi", "Terminating", "0/1", "", "10m", "", "", "<none>")),
        Arguments.of(
            "cronjob",
            BatchTables.CRON_JOBS,
            "NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE CONTAINERS IMAGES SELECTOR",
            "{"
                + META
                + ",'spec':{'schedule':'*/5 * * * *','suspend':false,'jobTemplate':{'spec':"
                + "{'template':{'spec':{'containers':[{'name':'hello','image':'busybox'}]}}}}},"
                + "'status':{'active':[{'name':'pi-1'}],'lastScheduleTime':'2025-01-01T00:55:00Z'}}",
            List.of(
                "pi",
                "*/5 * * * *",
                "<none>",
                "False",
                1L,
                "5m",
                "10m",
                "hello",
                "busybox",
                "<none>")),
        Arguments.of(
            "cronjob never scheduled with time zone",
            BatchTables.CRON_JOBS,
            "NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE CONTAINERS IMAGES SELECTOR",
            "{"
                + META
                + ",'spec':{'schedule':'@hourly','timeZone':'Europe/Berlin','suspend':true}}",
            List.of(
                "pi", "@hourly", "Europe/Berlin", "True", 0L, "<none>", "10m", "", "", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void printsLikeKubectl(
      String what, TableDefinition table, String headers, String object, List<Object> cells) {
    assertThat(
            String.join(
                " ", table.columns().stream().map(c -> c.name().toUpperCase(Locale.ROOT)).toList()))
        .isEqualTo(headers);
    assertThat(table.columns().stream().filter(c -> c.priority() == 1))
        .extracting(TableColumn::name)
        .containsExactly("Containers", "Images", "Selector");
    assertThat(table.printer().cells(Json.parse(object), NOW)).containsExactlyElementsOf(cells);
  }
}

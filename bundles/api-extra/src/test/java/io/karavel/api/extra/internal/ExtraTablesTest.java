package io.karavel.api.extra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.api.common.internal.Tables;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtraTablesTest {
  private static final Instant NOW = Instant.parse("2025-01-02T00:00:00Z");
  private static final String META =
      "'metadata':{'name':'x','creationTimestamp':'2025-01-01T00:00:00Z'}";

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "lease",
            ExtraTables.LEASES,
            "NAME HOLDER AGE",
            "{" + META + ",'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40}}",
            List.of("x", "node-1", "24h")),
        Arguments.of(
            "lease without holder",
            ExtraTables.LEASES,
            "NAME HOLDER AGE",
            "{" + META + ",'spec':{}}",
            List.of("x", "", "24h")),
        Arguments.of(
            "endpointslice",
            ExtraTables.ENDPOINT_SLICES,
            "NAME ADDRESSTYPE PORTS ENDPOINTS AGE",
            "{"
                + META
                + ",'addressType':'IPv4','ports':[{'name':'http','port':80},{'name':'dns'}],"
                + "'endpoints':[{'addresses':['10.0.0.1']},{'addresses':['10.0.0.2']}]}",
            List.of("x", "IPv4", "80,dns", "10.0.0.1,10.0.0.2", "24h")),
        Arguments.of(
            "endpointslice with many endpoints",
            ExtraTables.ENDPOINT_SLICES,
            "NAME ADDRESSTYPE PORTS ENDPOINTS AGE",
            "{"
                + META
                + ",'addressType':'IPv4','ports':[{'port':1},{'port':2},{'port':3},{'port':4},{}],"
                + "'endpoints':[{'addresses':['10.0.0.1','10.0.0.2']},{'addresses':['10.0.0.3','10.0.0.4']}]}",
            List.of(
                "x", "IPv4", "1,2,3 + 2 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "24h")),
        Arguments.of(
            "empty endpointslice",
            ExtraTables.ENDPOINT_SLICES,
            "NAME ADDRESSTYPE PORTS ENDPOINTS AGE",
            "{" + META + ",'addressType':'IPv6'}",
            List.of("x", "IPv6", "<unset>", "<unset>", "24h")),
        Arguments.of(
            "pdb",
            ExtraTables.POD_DISRUPTION_BUDGETS,
            "NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE",
            "{" + META + ",'spec':{'minAvailable':2},'status':{'disruptionsAllowed':1}}",
            List.of("x", "2", "N/A", 1L, "24h")),
        Arguments.of(
            "pdb percent",
            ExtraTables.POD_DISRUPTION_BUDGETS,
            "NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE",
            "{" + META + ",'spec':{'maxUnavailable':'25%'}}",
            List.of("x", "N/A", "25%", 0L, "24h")),
        Arguments.of(
            "priorityclass",
            ExtraTables.PRIORITY_CLASSES,
            "NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY",
            "{" + META + ",'value':1000,'globalDefault':true,'preemptionPolicy':'Never'}",
            List.of("x", 1000L, true, "24h", "Never")),
        Arguments.of(
            "rolebinding",
            ExtraTables.ROLE_BINDINGS,
            "NAME ROLE AGE USERS GROUPS SERVICEACCOUNTS",
            "{"
                + META
                + ",'roleRef':{'kind':'ClusterRole','name':'view'},'subjects':["
                + "{'kind':'User','name':'alice'},{'kind':'User','name':'bob'},"
                + "{'kind':'Group','name':'devs'},"
                + "{'kind':'ServiceAccount','name':'ci','namespace':'tools'}]}",
            List.of("x", "ClusterRole/view", "24h", "alice, bob", "devs", "tools/ci")),
        Arguments.of(
            "clusterrole",
            Tables.NAME_CREATED_AT,
            "NAME CREATED AT",
            "{" + META + ",'rules':[]}",
            List.of("x", "2025-01-01T00:00:00Z")),
        Arguments.of(
            "event",
            ExtraTables.EVENTS,
            "LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME",
            "{"
                + META
                + ",'eventTime':'2025-01-01T23:59:00.000000Z','type':'Normal',"
                + "'reason':'Scheduled','regarding':{'kind':'Pod','name':'web-1','namespace':'x'},"
                + "'note':'Successfully assigned x/web-1 to node-1 ','reportingController':"
                + "'default-scheduler','reportingInstance':'sched-1','action':'Binding'}",
            List.of(
                "60s",
                "Normal",
                "Scheduled",
                "pod/web-1",
                "",
                "default-scheduler, sched-1",
                "Successfully assigned x/web-1 to node-1",
                "60s",
                1L,
                "x")),
        Arguments.of(
            "event series",
            ExtraTables.EVENTS,
            "LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME",
            "{"
                + META
                + ",'eventTime':'2025-01-01T23:00:00.000000Z','type':'Warning',"
                + "'reason':'BackOff','regarding':{'kind':'Pod','name':'web-1',"
                + "'fieldPath':'spec.containers{web}'},'note':'Back-off','reportingController':"
                + "'kubelet','series':{'count':7,'lastObservedTime':'2025-01-01T23:58:00.000000Z'}}",
            List.of(
                "2m",
                "Warning",
                "BackOff",
                "pod/web-1",
                "spec.containers{web}",
                "kubelet",
                "Back-off",
                "60m",
                7L,
                "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void printsLikeKubectl(
      String what, TableDefinition table, String headers, String object, List<Object> cells) {
    assertThat(
            String.join(
                " ",
                table.columns().stream()
                    .map(TableColumn::name)
                    .map(n -> n.toUpperCase(Locale.ROOT))
                    .toList()))
        .isEqualTo(headers);
    assertThat(table.printer().cells(Json.parse(object), NOW)).containsExactlyElementsOf(cells);
  }
}

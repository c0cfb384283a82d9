package io.karavel.api.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AppsTablesTest {
  private static final Instant NOW = Instant.parse("2025-01-01T01:00:00Z");
  private static final String META =
      "'metadata':{'name':'web','creationTimestamp':'2025-01-01T00:55:00Z'}";

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "deployment",
            AppsTables.DEPLOYMENTS,
            "NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR",
            "{"
                + META
                + ",'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},"
                + "'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25'},"
                + "{'name':'side','image':'busybox'}]}}},"
                + "'status':{'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}",
            List.of("web", "2/3", 3L, 2L, "5m", "nginx,side", "nginx:1.25,busybox", "app=web")),
        Arguments.of(
            "deployment without status",
            AppsTables.DEPLOYMENTS,
            "NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR",
            "{"
                + META
                + ",'spec':{'replicas':1,'selector':{'matchExpressions':["
                + "{'key':'tier','operator':'In','values':['b','a']},{'key':'app','operator':'Exists'}]}}}",
            List.of("web", "0/1", 0L, 0L, "5m", "", "", "app,tier in (a,b)")),
        Arguments.of(
            "replicaset",
            AppsTables.REPLICA_SETS,
            "NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR",
            "{"
                + META
                + ",'spec':{'replicas':2,'selector':{'matchLabels':{'b':'2','a':'1'}},"
                + "'template':{'spec':{'containers':[{'name':'c','image':'i'}]}}},"
                + "'status':{'replicas':2,'readyReplicas':1}}",
            List.of("web", 2L, 2L, 1L, "5m", "c", "i", "a=1,b=2")),
        Arguments.of(
            "statefulset",
            AppsTables.STATEFUL_SETS,
            "NAME READY AGE CONTAINERS IMAGES",
            "{"
                + META
                + ",'spec':{'replicas':3,'template':{'spec':{'containers':"
                + "[{'name':'db','image':'postgres:16'}]}}},'status':{'readyReplicas':3}}",
            List.of("web", "3/3", "5m", "db", "postgres:16")),
        Arguments.of(
            "daemonset",
            AppsTables.DAEMON_SETS,
            "NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE CONTAINERS IMAGES"
                + " SELECTOR",
            "{"
                + META
                + ",'spec':{'selector':{'matchLabels':{'app':'agent'}},'template':{'spec':"
                + "{'nodeSelector':{'kubernetes.io/os':'linux'},'containers':[{'name':'a','image':'b'}]}}},"
                + "'status':{'desiredNumberScheduled':2,'currentNumberScheduled':2,'numberReady':1,"
                + "'updatedNumberScheduled':2,'numberAvailable':1}}",
            List.of(
                "web", 2L, 2L, 1L, 2L, 1L, "kubernetes.io/os=linux", "5m", "a", "b", "app=agent")),
        Arguments.of(
            "daemonset without node selector",
            AppsTables.DAEMON_SETS,
            "NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE CONTAINERS IMAGES"
                + " SELECTOR",
            "{" + META + ",'spec':{'selector':{}}}",
            List.of("web", 0L, 0L, 0L, 0L, 0L, "<none>", "5m", "", "", "<none>")),
        Arguments.of(
            "controllerrevision",
            AppsTables.CONTROLLER_REVISIONS,
            "NAME CONTROLLER REVISION AGE",
            "{'metadata':{'name':'web-5d4f','creationTimestamp':'2025-01-01T00:55:00Z',"
                + "'ownerReferences':[{'apiVersion':'apps/v1','kind':'StatefulSet','name':'web',"
                + "'controller':true}]},'revision':2}",
            List.of("web-5d4f", "statefulset.apps/web", 2L, "5m")),
        Arguments.of(
            "controllerrevision without owner",
            AppsTables.CONTROLLER_REVISIONS,
            "NAME CONTROLLER REVISION AGE",
            "{" + META + ",'revision':1}",
            List.of("web", "<none>", 1L, "5m")));
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
                    .map(n -> n.toUpperCase(java.util.Locale.ROOT))
                    .toList()))
        .isEqualTo(headers);
    assertThat(table.printer().cells(Json.parse(object), NOW)).containsExactlyElementsOf(cells);
  }

  @org.junit.jupiter.api.Test
  void wideColumnsArePriorityOne() {
    assertThat(AppsTables.DEPLOYMENTS.columns().stream().filter(c -> c.priority() == 1))
        .extracting(TableColumn::name)
        .containsExactly("Containers", "Images", "Selector");
    assertThat(AppsTables.STATEFUL_SETS.columns().stream().filter(c -> c.priority() == 1))
        .extracting(TableColumn::name)
        .containsExactly("Containers", "Images");
  }
}

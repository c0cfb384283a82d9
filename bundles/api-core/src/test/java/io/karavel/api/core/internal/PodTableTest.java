package io.karavel.api.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodTableTest {
  static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
  static final String FIVE_MINUTES_AGO = "2024-01-01T00:55:00Z";

  /**
   * A pod created an hour before {@link #NOW}; {@code extra} adds or overrides top-level fields.
   */
  static ObjectNode pod(String spec, String status, String extraMeta) {
    return Json.parse(
        "{'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:00:00Z'"
            + extraMeta
            + "},'spec':"
            + spec
            + ",'status':"
            + status
            + "}");
  }

  static final String ONE = "{'containers':[{'name':'app','image':'nginx'}]}";
  static final String TWO = "{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}";
  static final String WITH_INIT =
      "{'initContainers':[{'name':'init','image':'busybox'}],"
          + "'containers':[{'name':'app','image':'nginx'}]}";
  static final String WITH_SIDECAR =
      "{'initContainers':[{'name':'proxy','image':'envoy','restartPolicy':'Always'}],"
          + "'containers':[{'name':'app','image':'nginx'}]}";

  static String running(String name, boolean ready) {
    return "{'name':'" + name + "','ready':" + ready + ",'restartCount':0,'state':{'running':{}}}";
  }

  static Arguments row(String what, ObjectNode pod, String ready, String status, String restarts) {
    return Arguments.of(what, pod, ready, status, restarts);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("new", pod(ONE, "{'phase':'Pending'}", ""), "0/1", "Pending", "0"),
        row(
            "creating",
            pod(
                ONE,
                "{'phase':'Pending','containerStatuses':[{'name':'app','ready':false,"
                    + "'restartCount':0,'state':{'waiting':{'reason':'ContainerCreating'}}}]}",
                ""),
            "0/1",
            "ContainerCreating",
            "0"),
        row(
            "running",
            pod(ONE, "{'phase':'Running','containerStatuses':[" + running("app", true) + "]}", ""),
            "1/1",
            "Running",
            "0"),
        row(
            "running, not ready",
            pod(ONE, "{'phase':'Running','containerStatuses':[" + running("app", false) + "]}", ""),
            "0/1",
            "Running",
            "0"),
        row(
            "crash loop",
            pod(
                ONE,
                "{'phase':'Running','containerStatuses':[{'name':'app','ready':false,"
                    + "'restartCount':2,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                    + "'lastState':{'terminated':{'exitCode':1,'reason':'Error',"
                    + "'finishedAt':'"
                    + FIVE_MINUTES_AGO
                    + "'}}}]}",
                ""),
            "0/1",
            "CrashLoopBackOff",
            "2 (5m ago)"),
        row(
            "init running",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[" + running("init", false) + "]}",
                ""),
            "0/1",
            "Init:0/1",
            "0"),
        row(
            "init crash loop",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[{'name':'init','restartCount':3,"
                    + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},'lastState':{'terminated':"
                    + "{'exitCode':1,'finishedAt':'"
                    + FIVE_MINUTES_AGO
                    + "'}}}]}",
                ""),
            "0/1",
            "Init:CrashLoopBackOff",
            "3 (5m ago)"),
        row(
            "init failed",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[{'name':'init','restartCount':0,"
                    + "'state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}",
                ""),
            "0/1",
            "Init:Error",
            "0"),
        row(
            "init killed",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[{'name':'init','restartCount':0,"
                    + "'state':{'terminated':{'exitCode':137,'signal':9}}}]}",
                ""),
            "0/1",
            "Init:Signal:9",
            "0"),
        row(
            "init waiting for PodInitializing",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[{'name':'init','restartCount':0,"
                    + "'state':{'waiting':{'reason':'PodInitializing'}}}]}",
                ""),
            "0/1",
            "Init:0/1",
            "0"),
        row(
            "init done, app starting",
            pod(
                WITH_INIT,
                "{'phase':'Pending','initContainerStatuses':[{'name':'init','restartCount':0,"
                    + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}],"
                    + "'containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                    + "'state':{'waiting':{'reason':'PodInitializing'}}}]}",
                ""),
            "0/1",
            "PodInitializing",
            "0"),
        row(
            "sidecar started",
            pod(
                WITH_SIDECAR,
                "{'phase':'Running','initContainerStatuses':[{'name':'proxy','ready':true,"
                    + "'started':true,'restartCount':1,'state':{'running':{}}}],"
                    + "'containerStatuses':["
                    + running("app", true)
                    + "]}",
                ""),
            "2/2",
            "Running",
            "1"),
        row(
            "completed",
            pod(
                ONE,
                "{'phase':'Succeeded','containerStatuses':[{'name':'app','ready':false,"
                    + "'restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}",
                ""),
            "0/1",
            "Completed",
            "0"),
        row(
            "exit code without reason",
            pod(
                ONE,
                "{'phase':'Failed','containerStatuses':[{'name':'app','ready':false,"
                    + "'restartCount':0,'state':{'terminated':{'exitCode':137}}}]}",
                ""),
            "0/1",
            "ExitCode:137",
            "0"),
        row(
            "one done, one still running, pod not ready",
            pod(
                TWO,
                "{'phase':'Running','conditions':[{'type':'Ready','status':'False'}],"
                    + "'containerStatuses':[{'name':'a','ready':false,'restartCount':0,"
                    + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                    + running("b", true)
                    + "]}",
                ""),
            "1/2",
            "NotReady",
            "0"),
        row(
            "one done, one still running, pod ready",
            pod(
                TWO,
                "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                    + "'containerStatuses':[{'name':'a','ready':false,'restartCount':0,"
                    + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                    + running("b", true)
                    + "]}",
                ""),
            "1/2",
            "Running",
            "0"),
        row(
            "terminating",
            pod(
                ONE,
                "{'phase':'Running','containerStatuses':[" + running("app", true) + "]}",
                ",'deletionTimestamp':'2024-01-01T00:59:00Z'"),
            "1/1",
            "Terminating",
            "0"),
        row(
            "deleted after completion",
            pod(
                ONE,
                "{'phase':'Succeeded','containerStatuses':[{'name':'app','ready':false,"
                    + "'restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}",
                ",'deletionTimestamp':'2024-01-01T00:59:00Z'"),
            "0/1",
            "Completed",
            "0"),
        row(
            "node lost",
            pod(
                ONE,
                "{'phase':'Running','reason':'NodeLost'}",
                ",'deletionTimestamp':'2024-01-01T00:59:00Z'"),
            "0/1",
            "Unknown",
            "0"),
        row(
            "evicted",
            pod(ONE, "{'phase':'Failed','reason':'Evicted'}", ""),
            "0/1",
            "Evicted",
            "0"),
        row(
            "scheduling gated",
            pod(
                ONE,
                "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False',"
                    + "'reason':'SchedulingGated'}]}",
                ""),
            "0/1",
            "SchedulingGated",
            "0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void readyStatusRestarts(
      String what, ObjectNode pod, String ready, String status, String restarts) {
    List<Object> cells = PodTable.cells(pod, NOW);
    assertThat(cells.subList(0, 5)).containsExactly("web", ready, status, restarts, "60m");
  }

  @Test
  void wideColumns() {
    ObjectNode p =
        pod(
            "{'nodeName':'n1','readinessGates':[{'conditionType':'a/b'},{'conditionType':'c/d'}],"
                + "'containers':[{'name':'app','image':'nginx'}]}",
            "{'phase':'Running','podIPs':[{'ip':'10.1.0.5'},{'ip':'fd00::5'}],"
                + "'nominatedNodeName':'n2','conditions':[{'type':'a/b','status':'True'},"
                + "{'type':'c/d','status':'False'}]}",
            "");
    assertThat(PodTable.cells(p, NOW).subList(5, 9)).containsExactly("10.1.0.5", "n1", "n2", "1/2");
    assertThat(PodTable.cells(pod(ONE, "{}", ""), NOW).subList(5, 9))
        .containsExactly("<none>", "<none>", "<none>", "<none>");
  }

  @Test
  void columnsMatchUpstream() {
    assertThat(PodTable.DEFINITION.columns())
        .extracting(c -> c.name() + ":" + c.type() + ":" + c.priority())
        .containsExactly(
            "Name:string:0",
            "Ready:string:0",
            "Status:string:0",
            "Restarts:string:0",
            "Age:string:0",
            "IP:string:1",
            "Node:string:1",
            "Nominated Node:string:1",
            "Readiness Gates:string:1");
  }
}

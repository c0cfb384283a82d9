package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.Durations;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pod table as upstream's server-side printer computes it: READY counts ready containers (and
 * started restartable init containers), STATUS is the phase refined by init container progress,
 * container waiting/terminated reasons and deletion, RESTARTS adds when the last restart was.
 */
final class PodTable {
  private PodTable() {}

  static final TableDefinition DEFINITION =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Ready", "string", "Ready containers of the pod, out of all."),
              TableColumn.of(
                  "Status", "string", "The pod's phase or the reason it is not running."),
              TableColumn.of(
                  "Restarts", "string", "Container restarts, and how long ago the last one was."),
              TableColumn.AGE,
              TableColumn.wide("IP", "string", "The pod's first IP address."),
              TableColumn.wide("Node", "string", "The node the pod is bound to."),
              TableColumn.wide("Nominated Node", "string", "The node preemption nominated."),
              TableColumn.wide("Readiness Gates", "string", "Readiness gates that are true.")),
          PodTable::cells);

  static List<Object> cells(JsonNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    String phase = Nodes.text(status, "phase");
    String reason = Nodes.text(status, "reason").isEmpty() ? phase : Nodes.text(status, "reason");
    for (JsonNode c : status.path("conditions")) {
      if (Nodes.text(c, "type").equals("PodScheduled")
          && Nodes.text(c, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    int total = Nodes.size(spec, "containers");
    Set<String> restartableInit = new HashSet<>();
    for (JsonNode c : spec.path("initContainers")) {
      if (Nodes.text(c, "restartPolicy").equals("Always")) {
        restartableInit.add(Nodes.text(c, "name"));
        total++;
      }
    }
    int ready = 0;
    int restarts = 0;
    int restartableRestarts = 0;
    Instant lastRestart = null;
    Instant lastRestartableRestart = null;
    boolean initializing = false;
    int initCount = Nodes.size(spec, "initContainers");
    int i = 0;
    for (JsonNode c : status.path("initContainerStatuses")) {
      int index = i++;
      int count = c.path("restartCount").asInt(0);
      restarts += count;
      Instant finished = finishedAt(c);
      lastRestart = later(lastRestart, finished);
      boolean restartable = restartableInit.contains(Nodes.text(c, "name"));
      if (restartable) {
        restartableRestarts += count;
        lastRestartableRestart = later(lastRestartableRestart, finished);
      }
      JsonNode state = c.path("state");
      JsonNode terminated = state.get("terminated");
      JsonNode waiting = state.get("waiting");
      if (present(terminated) && terminated.path("exitCode").asInt(0) == 0) {
        continue;
      }
      if (restartable && c.path("started").asBoolean(false)) {
        if (c.path("ready").asBoolean(false)) {
          ready++;
        }
        continue;
      }
      if (present(terminated)) {
        reason = "Init:" + terminatedReason(terminated);
      } else if (present(waiting)
          && !Nodes.text(waiting, "reason").isEmpty()
          && !Nodes.text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Nodes.text(waiting, "reason");
      } else {
        reason = "Init:" + index + "/" + initCount;
      }
      initializing = true;
      break;
    }
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = restartableRestarts;
      lastRestart = lastRestartableRestart;
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int k = statuses.size() - 1; k >= 0; k--) {
        JsonNode c = statuses.get(k);
        restarts += c.path("restartCount").asInt(0);
        lastRestart = later(lastRestart, finishedAt(c));
        JsonNode state = c.path("state");
        JsonNode waiting = state.get("waiting");
        JsonNode terminated = state.get("terminated");
        if (present(waiting) && !Nodes.text(waiting, "reason").isEmpty()) {
          reason = Nodes.text(waiting, "reason");
        } else if (present(terminated)) {
          reason = terminatedReason(terminated);
        } else if (c.path("ready").asBoolean(false) && present(state.get("running"))) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    boolean deleting = pod.path("metadata").hasNonNull("deletionTimestamp");
    if (deleting && Nodes.text(status, "reason").equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    String restartCell = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartCell = restarts + " (" + Durations.human(Duration.between(lastRestart, now)) + " ago)";
    }
    return List.of(
        Nodes.text(pod.path("metadata"), "name"),
        ready + "/" + total,
        reason,
        restartCell,
        CoreTables.age(pod, now),
        orNone(firstPodIp(status)),
        orNone(Nodes.text(spec, "nodeName")),
        orNone(Nodes.text(status, "nominatedNodeName")),
        readinessGates(spec, status));
  }

  /** A terminated state's reason, or {@code Signal:N} / {@code ExitCode:N} when it has none. */
  private static String terminatedReason(JsonNode terminated) {
    String r = Nodes.text(terminated, "reason");
    if (!r.isEmpty()) {
      return r;
    }
    int signal = terminated.path("signal").asInt(0);
    return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
  }

  private static String firstPodIp(JsonNode status) {
    JsonNode ips = status.path("podIPs");
    if (ips.isArray() && !ips.isEmpty()) {
      return ips.get(0).path("ip").asText("");
    }
    return "";
  }

  private static String readinessGates(JsonNode spec, JsonNode status) {
    JsonNode gates = spec.path("readinessGates");
    if (!gates.isArray() || gates.isEmpty()) {
      return "<none>";
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      String type = Nodes.text(gate, "conditionType");
      for (JsonNode c : status.path("conditions")) {
        if (Nodes.text(c, "type").equals(type)) {
          if (Nodes.text(c, "status").equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (Nodes.text(c, "type").equals(type) && Nodes.text(c, "status").equals("True")) {
        return true;
      }
    }
    return false;
  }

  private static boolean present(JsonNode n) {
    return n != null && n.isObject();
  }

  private static Instant finishedAt(JsonNode containerStatus) {
    JsonNode t = containerStatus.path("lastState").path("terminated");
    if (!t.isObject()) {
      return null;
    }
    String at = Nodes.text(t, "finishedAt");
    if (at.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }
}

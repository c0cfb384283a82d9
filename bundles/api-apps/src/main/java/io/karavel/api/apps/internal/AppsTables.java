package io.karavel.api.apps.internal;

import static io.karavel.api.common.internal.Tables.CONTAINERS_DESC;
import static io.karavel.api.common.internal.Tables.IMAGES_DESC;
import static io.karavel.api.common.internal.Tables.age;
import static io.karavel.api.common.internal.Tables.name;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.api.common.internal.LabelSelectors;
import io.karavel.api.common.internal.PodTemplates;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Table columns and rows of apps/v1, as upstream's server-side printers produce them. */
final class AppsTables {
  private AppsTables() {}

  static final TableDefinition DEPLOYMENTS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Ready", "string", "Number of the pod with ready state"),
              TableColumn.of(
                  "Up-to-date",
                  "string",
                  "Total number of non-terminated pods targeted by this deployment that have the"
                      + " desired template spec."),
              TableColumn.of(
                  "Available",
                  "string",
                  "Total number of available pods (ready for at least minReadySeconds) targeted by"
                      + " this deployment."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC),
              TableColumn.wide(
                  "Selector",
                  "string",
                  "Label selector for pods. Existing ReplicaSets whose pods are selected by this"
                      + " will be the ones affected by this deployment.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            JsonNode status = o.path("status");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(
                status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(1));
            cells.add(status.path("updatedReplicas").asLong(0));
            cells.add(status.path("availableReplicas").asLong(0));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(spec.path("template").path("spec")));
            cells.add(LabelSelectors.format(spec.get("selector")));
            return cells;
          });

  static final TableDefinition REPLICA_SETS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Desired",
                  "integer",
                  "Replicas is the number of desired pods. This is a pointer to distinguish"
                      + " between explicit zero and unspecified. Defaults to 1."),
              TableColumn.of(
                  "Current",
                  "integer",
                  "Replicas is the most recently observed number of non-terminating pods."),
              TableColumn.of(
                  "Ready",
                  "integer",
                  "The number of non-terminating pods targeted by this ReplicaSet with a Ready"
                      + " Condition."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC),
              TableColumn.wide(
                  "Selector",
                  "string",
                  "Selector is a label query over pods that should match the replica count.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            JsonNode status = o.path("status");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(spec.path("replicas").asLong(1));
            cells.add(status.path("replicas").asLong(0));
            cells.add(status.path("readyReplicas").asLong(0));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(spec.path("template").path("spec")));
            cells.add(LabelSelectors.formatOrNone(spec.get("selector")));
            return cells;
          });

  static final TableDefinition STATEFUL_SETS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Ready", "string", "Number of the pod with ready state"),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC)),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(
                o.path("status").path("readyReplicas").asLong(0)
                    + "/"
                    + spec.path("replicas").asLong(1));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(spec.path("template").path("spec")));
            return cells;
          });

  static final TableDefinition DAEMON_SETS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Desired",
                  "integer",
                  "The total number of nodes that should be running the daemon pod (including"
                      + " nodes correctly running the daemon pod)."),
              TableColumn.of(
                  "Current",
                  "integer",
                  "The number of nodes that are running at least 1 daemon pod and are supposed to"
                      + " run the daemon pod."),
              TableColumn.of(
                  "Ready",
                  "integer",
                  "The number of nodes that should be running the daemon pod and have one or more"
                      + " of the daemon pod running and ready."),
              TableColumn.of(
                  "Up-to-date",
                  "integer",
                  "The total number of nodes that are running updated daemon pod"),
              TableColumn.of(
                  "Available",
                  "integer",
                  "The number of nodes that should be running the daemon pod and have one or more"
                      + " of the daemon pod running and available (ready for at least"
                      + " spec.minReadySeconds)"),
              TableColumn.of(
                  "Node Selector",
                  "string",
                  "NodeSelector is a selector which must be true for the pod to fit on a node."),
              TableColumn.AGE,
              TableColumn.wide("Containers", "string", CONTAINERS_DESC),
              TableColumn.wide("Images", "string", IMAGES_DESC),
              TableColumn.wide(
                  "Selector",
                  "string",
                  "A label query over pods that are managed by the daemon set.")),
          (o, now) -> {
            JsonNode spec = o.path("spec");
            JsonNode status = o.path("status");
            JsonNode podSpec = spec.path("template").path("spec");
            List<Object> cells = new ArrayList<>();
            cells.add(name(o));
            cells.add(status.path("desiredNumberScheduled").asLong(0));
            cells.add(status.path("currentNumberScheduled").asLong(0));
            cells.add(status.path("numberReady").asLong(0));
            cells.add(status.path("updatedNumberScheduled").asLong(0));
            cells.add(status.path("numberAvailable").asLong(0));
            cells.add(LabelSelectors.formatLabels(podSpec.get("nodeSelector")));
            cells.add(age(o, now));
            cells.addAll(PodTemplates.containerCells(podSpec));
            cells.add(LabelSelectors.formatOrNone(spec.get("selector")));
            return cells;
          });

  static final TableDefinition CONTROLLER_REVISIONS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Controller", "string", "Controller of the object"),
              TableColumn.of(
                  "Revision",
                  "string",
                  "Revision indicates the revision of the state represented by Data."),
              TableColumn.AGE),
          (o, now) -> List.of(name(o), controllerOf(o), o.path("revision").asLong(0), age(o, now)));

  /** {@code statefulset.apps/web} for the owner reference marked as controller, or none. */
  static String controllerOf(JsonNode o) {
    for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        String apiVersion = ref.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String kind = ref.path("kind").asText();
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.isEmpty()
            ? ref.path("name").asText()
            : groupKind.toLowerCase(Locale.ROOT) + "/" + ref.path("name").asText();
      }
    }
    return "<none>";
  }
}

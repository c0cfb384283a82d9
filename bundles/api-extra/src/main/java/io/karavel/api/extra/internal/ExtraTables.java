package io.karavel.api.extra.internal;

import static io.karavel.api.common.internal.Tables.age;
import static io.karavel.api.common.internal.Tables.name;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Tables;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Table columns and rows of the coordination, discovery, events, policy, scheduling and RBAC
 * groups, as upstream's server-side printers produce them.
 */
final class ExtraTables {
  private ExtraTables() {}

  static final TableDefinition LEASES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Holder",
                  "string",
                  "holderIdentity contains the identity of the holder of a current lease."),
              TableColumn.AGE),
          (o, now) -> List.of(name(o), Nodes.text(o.path("spec"), "holderIdentity"), age(o, now)));

  static final TableDefinition ENDPOINT_SLICES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "AddressType",
                  "string",
                  "addressType specifies the type of address carried by this EndpointSlice."),
              TableColumn.of(
                  "Ports", "string", "ports specifies the list of network ports exposed."),
              TableColumn.of("Endpoints", "string", "endpoints is a list of unique endpoints."),
              TableColumn.AGE),
          (o, now) ->
              List.of(name(o), Nodes.text(o, "addressType"), ports(o), endpoints(o), age(o, now)));

  static final TableDefinition EVENTS =
      new TableDefinition(
          List.of(
              TableColumn.of(
                  "Last Seen",
                  "string",
                  "The time at which the most recent occurrence of this event was recorded."),
              TableColumn.of("Type", "string", "Type of this event (Normal, Warning)."),
              TableColumn.of(
                  "Reason",
                  "string",
                  "This should be a short, machine understandable string that gives the reason"
                      + " for the transition into the object's current status."),
              TableColumn.of("Object", "string", "The object that this event is about."),
              TableColumn.wide(
                  "Subobject", "string", "The field of the object this event is about."),
              TableColumn.wide("Source", "string", "The component reporting this event."),
              TableColumn.of(
                  "Message",
                  "string",
                  "A human-readable description of the status of this operation."),
              TableColumn.wide(
                  "First Seen", "string", "The time at which the event was first recorded."),
              TableColumn.wide("Count", "string", "The number of times this event has occurred."),
              new TableColumn("Name", "string", "name", TableColumn.NAME.description(), 1)),
          ExtraTables::eventCells);

  static final TableDefinition POD_DISRUPTION_BUDGETS =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Min Available", "string", "The minimum number of pods that must be available."),
              TableColumn.of(
                  "Max Unavailable",
                  "string",
                  "The maximum number of pods that may be unavailable."),
              TableColumn.of(
                  "Allowed Disruptions",
                  "integer",
                  "Calculated number of pods that may be disrupted at this time."),
              TableColumn.AGE),
          (o, now) ->
              List.of(
                  name(o),
                  intOrString(o.path("spec").get("minAvailable")),
                  intOrString(o.path("spec").get("maxUnavailable")),
                  o.path("status").path("disruptionsAllowed").asLong(0),
                  age(o, now)));

  static final TableDefinition PRIORITY_CLASSES =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Value", "integer", "value represents the integer value of this priority class."),
              TableColumn.of(
                  "Global-Default",
                  "boolean",
                  "globalDefault specifies whether this PriorityClass should be considered as the"
                      + " default priority for pods that do not have any priority class."),
              TableColumn.AGE,
              TableColumn.of(
                  "PreemptionPolicy",
                  "string",
                  "preemptionPolicy is the Policy for preempting pods with lower priority.")),
          (o, now) ->
              List.of(
                  name(o),
                  o.path("value").asLong(0),
                  o.path("globalDefault").asBoolean(false),
                  age(o, now),
                  Nodes.text(o, "preemptionPolicy")));

  static final TableDefinition ROLE_BINDINGS = bindings("roleBinding");
  static final TableDefinition CLUSTER_ROLE_BINDINGS = bindings("clusterRoleBinding");

  private static TableDefinition bindings(String what) {
    return new TableDefinition(
        List.of(
            TableColumn.NAME,
            TableColumn.of(
                "Role",
                "string",
                "RoleRef can reference a Role in the current namespace or a ClusterRole in the"
                    + " global namespace."),
            TableColumn.AGE,
            TableColumn.wide("Users", "string", "Users in the " + what),
            TableColumn.wide("Groups", "string", "Groups in the " + what),
            TableColumn.wide("ServiceAccounts", "string", "ServiceAccounts in the " + what)),
        (o, now) -> {
          JsonNode ref = o.path("roleRef");
          List<String> users = new ArrayList<>();
          List<String> groups = new ArrayList<>();
          List<String> sas = new ArrayList<>();
          for (JsonNode s : o.path("subjects")) {
            switch (Nodes.text(s, "kind")) {
              case "ServiceAccount" ->
                  sas.add(Nodes.text(s, "namespace") + "/" + Nodes.text(s, "name"));
              case "User" -> users.add(Nodes.text(s, "name"));
              case "Group" -> groups.add(Nodes.text(s, "name"));
              default -> {}
            }
          }
          return List.of(
              name(o),
              Nodes.text(ref, "kind") + "/" + Nodes.text(ref, "name"),
              age(o, now),
              String.join(", ", users),
              String.join(", ", groups),
              String.join(", ", sas));
        });
  }

  /** {@code IntOrString.String()}, or {@code N/A} when unset. */
  private static String intOrString(JsonNode v) {
    return v == null || v.isNull() ? "N/A" : v.asText();
  }

  private static String ports(JsonNode o) {
    List<String> list = new ArrayList<>();
    int count = 0;
    for (JsonNode port : o.path("ports")) {
      if (list.size() < 3) {
        if (!Nodes.unset(port, "port")) {
          list.add(port.get("port").asText());
        } else if (!Nodes.unset(port, "name")) {
          list.add(port.get("name").asText());
        } else {
          list.add("*");
        }
      }
      count++;
    }
    return withMore(list, count);
  }

  private static String endpoints(JsonNode o) {
    List<String> list = new ArrayList<>();
    int count = 0;
    for (JsonNode ep : o.path("endpoints")) {
      for (JsonNode address : ep.path("addresses")) {
        if (list.size() < 3) {
          list.add(address.asText());
        }
        count++;
      }
    }
    return withMore(list, count);
  }

  private static String withMore(List<String> list, int count) {
    String joined = String.join(",", list);
    if (count > 3) {
      return joined + " + " + (count - 3) + " more...";
    }
    return joined.isEmpty() ? "<unset>" : joined;
  }

  /** The core/v1 event printer applied to the events.k8s.io/v1 field names. */
  private static List<Object> eventCells(JsonNode o, Instant now) {
    String first =
        Nodes.unset(o, "deprecatedFirstTimestamp")
            ? Tables.since(o.get("eventTime"), now)
            : Tables.since(o.get("deprecatedFirstTimestamp"), now);
    String last =
        Nodes.unset(o, "deprecatedLastTimestamp")
            ? first
            : Tables.since(o.get("deprecatedLastTimestamp"), now);
    long count = o.path("deprecatedCount").asLong(0);
    JsonNode series = o.get("series");
    if (series != null && !series.isNull()) {
      last = Tables.since(series.get("lastObservedTime"), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      count = 1;
    }
    JsonNode regarding = o.path("regarding");
    String kind = Nodes.text(regarding, "kind").toLowerCase(Locale.ROOT);
    String target =
        Nodes.text(regarding, "name").isEmpty() ? kind : kind + "/" + Nodes.text(regarding, "name");
    JsonNode source = o.path("deprecatedSource");
    String component =
        firstNonEmpty(Nodes.text(source, "component"), Nodes.text(o, "reportingController"));
    String instance = firstNonEmpty(Nodes.text(source, "host"), Nodes.text(o, "reportingInstance"));
    List<Object> cells = new ArrayList<>();
    cells.add(last);
    cells.add(Nodes.text(o, "type"));
    cells.add(Nodes.text(o, "reason"));
    cells.add(target);
    cells.add(Nodes.text(regarding, "fieldPath"));
    cells.add(instance.isEmpty() ? component : component + ", " + instance);
    cells.add(Nodes.text(o, "note").strip());
    cells.add(first);
    cells.add(count);
    cells.add(name(o));
    return cells;
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}

package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code kube:leaders}: the current leader of each singleton component, read from the Leases that
 * the client library's leader election keeps in {@code kube-system}.
 */
@Command(
    scope = "kube",
    name = "leaders",
    description =
        "Show the current leader of each singleton component (the Leases in kube-system).",
    detailedDescription =
        "Singleton components (scheduler, controller manager, ...) elect a leader over a"
            + " coordination.k8s.io/v1 Lease named after the component, through the client"
            + " library's leader election. This lists those Leases: the holder, how long ago it"
            + " renewed, the lease duration, and whether the lease is held (renewed within its"
            + " duration), expired (the holder stopped renewing; another candidate takes over) or"
            + " free (released). The same objects: kube:get lease -n kube-system.\n"
            + "Examples:\n"
            + "  kube:leaders\n"
            + "  kube:leaders -n my-operators")
@Service
public class LeadersCommand extends KubeCommandSupport {

  /** One row: a Lease as the command shows it. */
  record Row(String component, String leader, String renewed, String duration, String state) {}

  @Override
  protected void run() throws Exception {
    String ns = namespace == null || namespace.isEmpty() ? "kube-system" : namespace;
    JsonNode list =
        api().getJson("/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases", KubeApi.JSON);
    List<Row> rows = rows(list.path("items"), Instant.now());
    if (rows.isEmpty()) {
      out().println("No leases in " + ns + ": no singleton component has held an election yet.");
      return;
    }
    TabWriter table = TabWriter.forTables(out());
    table.row("COMPONENT", "LEADER", "RENEWED", "DURATION", "STATE");
    rows.forEach(r -> table.row(r.component(), r.leader(), r.renewed(), r.duration(), r.state()));
    table.flush();
  }

  static List<Row> rows(JsonNode items, Instant now) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode lease : items) {
      JsonNode spec = lease.path("spec");
      String holder = spec.path("holderIdentity").asText("");
      Instant renewed = instant(spec.path("renewTime").asText(""));
      int seconds = spec.path("leaseDurationSeconds").asInt(0);
      String state;
      if (holder.isEmpty()) {
        state = "free";
      } else if (renewed == null || renewed.plusSeconds(seconds).isBefore(now)) {
        state = "expired";
      } else {
        state = "held";
      }
      rows.add(
          new Row(
              lease.path("metadata").path("name").asText(),
              holder.isEmpty() ? "<none>" : holder,
              renewed == null ? "<never>" : HumanDuration.since(renewed, now) + " ago",
              seconds == 0 ? "<unset>" : HumanDuration.format(Duration.ofSeconds(seconds)),
              state));
    }
    rows.sort(Comparator.comparing(Row::component));
    return rows;
  }

  private static Instant instant(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

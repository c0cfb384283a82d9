package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.Durations;
import io.karavel.apiserver.spi.TableColumn;
import io.karavel.apiserver.spi.TableDefinition;
import java.time.Instant;
import java.util.List;

/** Column and cell helpers shared by the printers. */
public final class Tables {
  private Tables() {}

  public static final String CONTAINERS_DESC = "Names of each container in the template.";
  public static final String IMAGES_DESC = "Images referenced by each container in the template.";

  /** AGE of an object: {@link Durations#age} of its creation timestamp. */
  public static String age(JsonNode o, Instant now) {
    return Durations.age(o.path("metadata").path("creationTimestamp").asText(null), now);
  }

  public static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  /** Age of an optional timestamp field, or {@code <unknown>} when unset. */
  public static String since(JsonNode timestamp, Instant now) {
    return Durations.age(timestamp == null || timestamp.isNull() ? null : timestamp.asText(), now);
  }

  /** NAME and CREATED AT: upstream's default table for resources without a printer (RBAC roles). */
  public static final TableDefinition NAME_CREATED_AT =
      new TableDefinition(
          List.of(
              TableColumn.NAME,
              new TableColumn(
                  "Created At",
                  "date",
                  "",
                  "CreationTimestamp is a timestamp representing the server time when this object"
                      + " was created. It is not guaranteed to be set in happens-before order"
                      + " across separate operations. Clients may not set this value. It is"
                      + " represented in RFC3339 form and is in UTC.",
                  0)),
          (o, now) -> List.of(name(o), o.path("metadata").path("creationTimestamp").asText("")));
}

package io.karavel.apiserver.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Table output of one resource: the columns and a function computing a row's cells.
 *
 * @param columns the columns, in order
 * @param printer computes the cells of one object, one per column
 */
public record TableDefinition(List<TableColumn> columns, RowPrinter printer) {

  public TableDefinition {
    columns = List.copyOf(columns);
  }

  /** Computes one row. Cells are Strings, Numbers or Booleans, one per column. */
  @FunctionalInterface
  public interface RowPrinter {
    /**
     * @param object the object as stored (JSON tree)
     * @param now the time to compute ages against
     */
    List<Object> cells(JsonNode object, Instant now);
  }

  /** NAME and AGE only: what upstream prints for resources without their own printer. */
  public static final TableDefinition DEFAULT =
      new TableDefinition(
          List.of(TableColumn.NAME, TableColumn.AGE),
          (o, now) ->
              List.of(
                  o.path("metadata").path("name").asText(),
                  Durations.age(o.path("metadata").path("creationTimestamp").asText(null), now)));
}

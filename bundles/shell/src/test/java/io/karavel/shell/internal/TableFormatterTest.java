package io.karavel.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table output compared byte for byte with what kubectl printed for the same Table. */
class TableFormatterTest {
  private final JsonNode table = Fixtures.json("configmaps-table.json");

  private String print(TableOptions options, JsonNode source) {
    TableFormatter formatter =
        new TableFormatter(
            options, Clock.fixed(Instant.parse("2025-01-06T00:00:00Z"), ZoneOffset.UTC));
    return Fixtures.printed(
        (PrintStream out) -> {
          TabWriter writer = TabWriter.forTables(out);
          List<String> header = formatter.header(source);
          if (!header.isEmpty()) {
            writer.row(header);
          }
          formatter.rows(source).forEach(writer::row);
          writer.flush();
        });
  }

  private static TableOptions options(
      boolean wide, boolean namespace, boolean labels, List<String> columns, String kind) {
    return new TableOptions(wide, namespace, labels, columns, kind, false);
  }

  @Test
  void plainTableSkipsPriorityColumnsAndCutsMultiLineCells() {
    assertThat(print(TableOptions.plain(), table)).isEqualTo(Fixtures.text("get.txt"));
  }

  @Test
  void wideShowsPriorityColumns() {
    assertThat(print(options(true, false, false, List.of(), null), table))
        .isEqualTo(Fixtures.text("wide.txt"));
  }

  @Test
  void allNamespacesPutsNamespaceFirst() {
    assertThat(print(options(false, true, false, List.of(), null), table))
        .isEqualTo(Fixtures.text("all.txt"));
  }

  @Test
  void showLabelsAppendsSortedLabels() {
    assertThat(print(options(false, false, true, List.of(), null), table))
        .isEqualTo(Fixtures.text("labels.txt"));
  }

  @Test
  void labelColumnsUseTheKeysLastSegment() {
    assertThat(
            print(
                options(false, false, false, List.of("app.kubernetes.io/name", "a"), null), table))
        .isEqualTo(Fixtures.text("L.txt"));
  }

  @Test
  void showKindPrefixesTheNameColumn() {
    assertThat(print(options(false, false, false, List.of(), "configmap"), table))
        .isEqualTo(Fixtures.text("kind.txt"));
  }

  @Test
  void noHeadersNarrowsColumnsToTheirCells() {
    TableOptions noHeaders = new TableOptions(false, false, false, List.of(), null, true);
    assertThat(print(noHeaders, table)).isEqualTo(Fixtures.text("noheaders.txt"));
  }

  @Test
  void anEmptyTablePrintsNothing() {
    JsonNode empty = table.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) empty.get("rows")).removeAll();
    TableFormatter formatter = new TableFormatter(TableOptions.plain(), Clock.systemUTC());
    assertThat(formatter.rows(empty)).isEmpty();
  }

  @Test
  void plainListFallsBackToNameAndAge() {
    String printed = print(TableOptions.plain(), Fixtures.json("configmaps-list.json"));
    assertThat(printed)
        .isEqualTo("NAME               AGE\nkube-root-ca.crt   5d\nx                  5d\n");
  }

  @Test
  void cellsPrintLikeGoValues() {
    assertThat(TableFormatter.cell(Json.parse("3"))).isEqualTo("3");
    assertThat(TableFormatter.cell(Json.parse("3.0"))).isEqualTo("3");
    assertThat(TableFormatter.cell(Json.parse("true"))).isEqualTo("true");
    assertThat(TableFormatter.cell(Json.parse("null"))).isEmpty();
    assertThat(TableFormatter.cell(Json.parse("\"a\\rb\""))).isEqualTo("a...");
    assertThat(TableFormatter.cell(Json.parse("[\"a\",\"b\"]"))).isEqualTo("[a b]");
  }

  @Test
  void watchedRowsKeepTheWidthsAlreadyPrinted() {
    String printed =
        Fixtures.printed(
            out -> {
              TabWriter writer = TabWriter.forTables(out);
              writer.row(List.of("NAME", "DATA", "AGE"));
              writer.row(List.of("a-long-name", "1", "5s"));
              writer.flush();
              writer.row(List.of("b", "1", "1s"));
              writer.flush();
            });
    assertThat(printed)
        .isEqualTo("NAME          DATA   AGE\na-long-name   1      5s\nb             1      1s\n");
  }
}

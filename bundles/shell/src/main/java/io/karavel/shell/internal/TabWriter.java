package io.karavel.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns rows of cells into columns with Go's text/tabwriter algorithm (elastic tabstops), which
 * kubectl prints through. Every cell but the last of a row ends with an implicit tab; consecutive
 * rows that have a cell in a column form that column's block, whose width is its widest cell plus
 * the padding, at least the minimum width. A row with fewer cells ends the blocks of the columns it
 * lacks, which is how {@code kubectl describe} aligns each section on its own.
 *
 * <p>{@link #forTables} is kubectl get's writer (minimum 6, padding 3, widths remembered across
 * flushes so that watched rows stay aligned); {@link #forDescribe} is kubectl describe's (minimum
 * 0, padding 2).
 */
final class TabWriter {
  private final PrintStream out;
  private final int minWidth;
  private final int padding;
  private final boolean rememberWidths;
  private final List<List<String>> pending = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final List<Integer> remembered = new ArrayList<>();

  TabWriter(PrintStream out, int minWidth, int padding, boolean rememberWidths) {
    this.out = out;
    this.minWidth = minWidth;
    this.padding = padding;
    this.rememberWidths = rememberWidths;
  }

  static TabWriter forTables(PrintStream out) {
    return new TabWriter(out, 6, 3, true);
  }

  static TabWriter forDescribe(PrintStream out) {
    return new TabWriter(out, 0, 2, false);
  }

  void row(List<String> cells) {
    pending.add(List.copyOf(cells));
  }

  void row(String... cells) {
    row(List.of(cells));
  }

  void flush() {
    format(0, pending.size());
    pending.clear();
    widths.clear();
    out.flush();
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    int printed = line0;
    for (int current = line0; current < line1; current++) {
      if (column >= pending.get(current).size() - 1) {
        continue;
      }
      // A block of rows with a cell in this column starts here.
      write(printed, current);
      int start = current;
      int width = minWidth;
      for (; current < line1; current++) {
        List<String> row = pending.get(current);
        if (column >= row.size() - 1) {
          break;
        }
        width = Math.max(width, length(row.get(column)) + padding);
      }
      if (rememberWidths) {
        if (column < remembered.size()) {
          width = Math.max(width, remembered.get(column));
          remembered.set(column, width);
        } else {
          remembered.add(width);
        }
      }
      widths.add(width);
      format(start, current);
      widths.remove(widths.size() - 1);
      printed = current;
      current--;
    }
    write(printed, line1);
  }

  private void write(int line0, int line1) {
    StringBuilder line = new StringBuilder();
    for (int i = line0; i < line1; i++) {
      List<String> row = pending.get(i);
      line.setLength(0);
      for (int j = 0; j < row.size(); j++) {
        String cell = row.get(j);
        line.append(cell);
        if (j < widths.size() && j < row.size() - 1) {
          line.append(" ".repeat(Math.max(0, widths.get(j) - length(cell))));
        }
      }
      out.println(line);
    }
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}

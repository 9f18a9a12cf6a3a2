package io.tether.deploy.report;

import io.tether.core.data.AtomicFiles;
import io.tether.core.metrics.MetricNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Per-iteration metrics, one row per iteration, written as CSV: a header line, {@code iteration}
 * first, then the metric names in the order first seen; numbers in full precision; an empty cell
 * where an iteration lacks a metric (or its value is NaN).
 */
public final class MetricsTable {
  private final List<Map<String, Double>> rows = new ArrayList<>();

  /** Adds a row; it must hold {@code iteration}. Rows of the same iteration replace older ones. */
  public void put(Map<String, Double> row) {
    Double it = row.get(MetricNames.ITERATION);
    if (it == null) {
      throw new IllegalArgumentException("a metrics row needs " + MetricNames.ITERATION);
    }
    rows.removeIf(r -> r.get(MetricNames.ITERATION).equals(it));
    rows.add(new LinkedHashMap<>(row));
    rows.sort((a, b) -> Double.compare(a.get(MetricNames.ITERATION), b.get(MetricNames.ITERATION)));
  }

  /** Drops rows of iterations >= {@code iteration} (a resumed run redoes them). */
  public void truncateFrom(long iteration) {
    rows.removeIf(r -> r.get(MetricNames.ITERATION) >= iteration);
  }

  public List<Map<String, Double>> rows() {
    return List.copyOf(rows);
  }

  /** The column {@code name}, NaN where missing. */
  public double[] column(String name) {
    return rows.stream().mapToDouble(r -> r.getOrDefault(name, Double.NaN)).toArray();
  }

  /** Column names: iteration first, then in first-seen order. */
  public List<String> names() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(MetricNames.ITERATION);
    rows.forEach(r -> names.addAll(r.keySet()));
    return List.copyOf(names);
  }

  /** Writes the CSV atomically (temporary file, then rename). */
  public void write(Path csv) {
    List<String> names = names();
    StringBuilder out = new StringBuilder(String.join(",", names)).append('\n');
    for (Map<String, Double> r : rows) {
      out.append(line(names, r));
    }
    AtomicFiles.writeString(csv, out);
  }

  /** One CSV line (newline included) of {@code row} under the header {@code names}. */
  static String line(List<String> names, Map<String, Double> row) {
    List<String> cells = new ArrayList<>();
    for (String n : names) {
      Double v = row.get(n);
      cells.add(v == null || v.isNaN() ? "" : n.equals(MetricNames.ITERATION)
          ? Long.toString(v.longValue()) : Double.toString(v));
    }
    return String.join(",", cells) + "\n";
  }

  /**
   * Reads what {@link #write} and {@link MetricsSink} wrote; errors name file, line and column. A
   * last line without its newline (a run killed while appending it) is left out: that iteration
   * is redone on resume.
   */
  public static MetricsTable read(Path csv) {
    List<String> lines;
    try {
      String text = Files.readString(csv, StandardCharsets.UTF_8);
      lines = new ArrayList<>(List.of(text.split("\n", -1)));
      lines.remove(lines.size() - 1); // after the last newline: empty, or a cut-off line
    } catch (IOException e) {
      throw new UncheckedIOException(csv + ": cannot read: " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith(MetricNames.ITERATION)) {
      throw new IllegalArgumentException(csv + ":1: expected a header starting with "
          + MetricNames.ITERATION);
    }
    String[] header = lines.get(0).split(",", -1);
    MetricsTable t = new MetricsTable();
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        t.put(parseRow(csv, i + 1, header, lines.get(i).split(",", -1)));
      }
    }
    return t;
  }

  private static Map<String, Double> parseRow(Path csv, int lineNo, String[] header,
      String[] cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(csv + ":" + lineNo + ": " + cells.length
          + " cells but the header has " + header.length);
    }
    Map<String, Double> row = new LinkedHashMap<>();
    for (int c = 0; c < cells.length; c++) {
      if (cells[c].isEmpty()) {
        continue;
      }
      try {
        row.put(header[c], Double.parseDouble(cells[c]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(csv + ":" + lineNo + ":" + (c + 1) + ": column "
            + header[c] + " is not a number: \"" + cells[c] + "\"", e);
      }
    }
    if (!row.containsKey(MetricNames.ITERATION)) {
      throw new IllegalArgumentException(csv + ":" + lineNo + ": no iteration");
    }
    return row;
  }
}

package io.tether.deploy.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a run's per-iteration metrics go. Each iteration appends its row to {@code
 * metrics.csv} (one write of one line; the whole file is rewritten only when the columns change
 * or the file does not hold exactly the rows so far); {@code metrics.parquet} and the plots are
 * written once, by {@link #finish}, and on demand by {@code tether plot}.
 */
public final class MetricsSink {
  private final Path csv;
  private final MetricsTable table;
  private List<String> written;

  /**
   * @param table the rows kept so far (a resumed run's, already cut at the resume point); the CSV
   *     is rewritten to hold exactly them
   */
  public MetricsSink(Path csv, MetricsTable table) {
    this.csv = csv;
    this.table = table;
    rewrite();
  }

  /** Adds an iteration's row and appends it to the CSV. */
  public void append(Map<String, Double> row) {
    long before = table.rows().size();
    table.put(row);
    boolean last = table.rows().get(table.rows().size() - 1).equals(row);
    if (!table.names().equals(written) || table.rows().size() != before + 1 || !last) {
      rewrite();
      return;
    }
    try {
      Files.writeString(csv, MetricsTable.line(written, row), StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(csv + ": cannot append: " + e.getMessage(), e);
    }
  }

  /** Writes {@code metrics.parquet} and the plots into {@code dir}. */
  public void finish(SparkSession spark, Path parquet, Path dir) {
    ParquetMetrics.write(spark, table, parquet);
    Plots.writeAll(table, dir);
  }

  private void rewrite() {
    table.write(csv);
    written = table.names();
  }
}

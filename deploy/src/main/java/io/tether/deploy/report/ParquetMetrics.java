package io.tether.deploy.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The metrics table as Parquet (a Spark output directory with one part file), column names as in
 * metrics.csv, every metric a nullable double, {@code iteration} a long.
 */
public final class ParquetMetrics {
  private ParquetMetrics() {}

  public static void write(SparkSession spark, MetricsTable table, Path dir) {
    List<String> names = table.names();
    List<StructField> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(DataTypes.createStructField(n,
          n.equals("iteration") ? DataTypes.LongType : DataTypes.DoubleType, true));
    }
    List<Row> rows = new ArrayList<>();
    for (Map<String, Double> r : table.rows()) {
      Object[] cells = new Object[names.size()];
      for (int i = 0; i < names.size(); i++) {
        Double v = r.get(names.get(i));
        cells[i] = v == null ? null : names.get(i).equals("iteration") ? (Object) v.longValue() : v;
      }
      rows.add(RowFactory.create(cells));
    }
    spark.createDataFrame(rows, DataTypes.createStructType(fields)).coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(dir.toAbsolutePath().toString());
  }

  /** Reads it back (for tests and notebooks): rows in iteration order. */
  public static List<Row> read(SparkSession spark, Path dir) {
    return spark.read().parquet(dir.toAbsolutePath().toString()).orderBy("iteration")
        .collectAsList();
  }

}

package io.tether.deploy.doctor;

import io.tether.core.config.SparkConfig;
import io.tether.deploy.run.SparkSessions;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** A Spark session as a run makes it, on the given master, runs a job whose answer is known. */
final class SparkCheck {
  private SparkCheck() {}

  static String run(String master) {
    SparkSession s = SparkSessions.create(new SparkConfig(master, "tether-doctor", "", 0, 0,
        Map.of("spark.ui.enabled", "false")));
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(s.sparkContext());
      List<Long> xs = LongStream.rangeClosed(1, 1000).boxed().toList();
      long sum = jsc.parallelize(xs, 4).map(x -> x * x).reduce(Long::sum);
      long rows = s.range(0, 12345).filter("id % 5 = 0").count();
      if (sum != 333_833_500L || rows != 2469) {
        throw new IllegalStateException("Spark computed " + sum + " and " + rows
            + ", expected 333833500 and 2469");
      }
      return "Spark " + s.version() + " on " + s.sparkContext().master()
          + ", RDD and SQL jobs give the known answers";
    } finally {
      s.stop();
    }
  }
}

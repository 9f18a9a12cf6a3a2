package io.tether.deploy.run;

import io.tether.core.config.SparkConfig;
import io.tether.deploy.JvmOptions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The run's Spark session, from the {@code spark} section. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code spark.master}; executors get the JVM flags of the build and DJL's offline
   * settings; {@code spark.conf} entries are applied last and win.
   */
  public static SparkSession create(SparkConfig c) {
    SparkSession.Builder b = SparkSession.builder().master(c.master()).appName(c.appName())
        .config("spark.executor.extraJavaOptions", JvmOptions.joined())
        .config("spark.executorEnv.OPT_OUT_TRACKING", "true")
        .config("spark.task.maxFailures", "4");
    if (c.master().startsWith("local")) {
      b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    if (!c.executorMemory().isEmpty()) {
      b.config("spark.executor.memory", c.executorMemory());
    }
    if (c.executorCores() > 0) {
      b.config("spark.executor.cores", Integer.toString(c.executorCores()));
    }
    for (Map.Entry<String, String> e : c.conf().entrySet()) {
      b.config(e.getKey(), e.getValue());
    }
    return b.getOrCreate();
  }
}

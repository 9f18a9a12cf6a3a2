package io.tether.deploy.run;

import io.tether.core.config.SparkConfig;
import io.tether.core.hadoop.HadoopConfs;
import io.tether.deploy.JvmOptions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The run's Spark session, from the {@code spark} section. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code spark.master}, or for the master spark-submit was given (it sets the
   * {@code spark.master} system property, and the launch command is the operator's latest word);
   * executors get the JVM flags of the build and DJL's offline settings, after any given to
   * spark-submit; {@code spark.conf} entries are applied last and win. The session's Hadoop
   * configuration (Spark's, with every {@code spark.hadoop.*} setting) also reads
   * {@code core-site.xml} and {@code hdfs-site.xml} of {@code $HADOOP_CONF_DIR}, whether or not
   * the launcher put that directory on the classpath; it is the run's one Hadoop configuration.
   */
  public static SparkSession create(SparkConfig c) {
    return create(c, System.getenv(HadoopConfs.CONF_DIR_ENV));
  }

  /** As {@link #create(SparkConfig)}, with {@code hadoopConfDir} for {@code $HADOOP_CONF_DIR}. */
  static SparkSession create(SparkConfig c, String hadoopConfDir) {
    SparkSession s = builder(c).getOrCreate();
    try {
      HadoopConfs.addConfDir(s.sparkContext().hadoopConfiguration(), hadoopConfDir);
    } catch (RuntimeException e) {
      s.stop();
      throw e;
    }
    return s;
  }

  private static SparkSession.Builder builder(SparkConfig c) {
    String master = master(c, System.getProperty("spark.master"));
    SparkSession.Builder b = SparkSession.builder().master(master).appName(c.appName())
        .config("spark.executor.extraJavaOptions",
            executorFlags(System.getProperty("spark.executor.extraJavaOptions")))
        .config("spark.executorEnv.OPT_OUT_TRACKING", "true")
        .config("spark.task.maxFailures", "4");
    if (master.startsWith("local")) {
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
    return b;
  }

  /** spark-submit's {@code --master} when there is one, else the config's. */
  static String master(SparkConfig c, String submitted) {
    if (submitted == null || submitted.isBlank()) {
      return c.master();
    }
    if (!submitted.equals(c.master()) && !c.master().equals(SparkConfig.defaults().master())) {
      System.err.printf("tether: spark-submit --master %s overrides spark.master %s%n", submitted,
          c.master());
    }
    return submitted;
  }

  /** The flags given to spark-submit, then the build's flags that are not among them. */
  static String executorFlags(String submitted) {
    if (submitted == null || submitted.isBlank()) {
      return JvmOptions.joined();
    }
    java.util.List<String> given = java.util.List.of(submitted.trim().split("\\s+"));
    StringBuilder s = new StringBuilder(submitted.trim());
    for (String f : JvmOptions.flags()) {
      String key = f.contains("=") && f.startsWith("-D") ? f.substring(0, f.indexOf('=') + 1) : f;
      if (given.stream().noneMatch(g -> g.equals(f) || (key.endsWith("=") && g.startsWith(key)))) {
        s.append(' ').append(f);
      }
    }
    return s.toString();
  }
}

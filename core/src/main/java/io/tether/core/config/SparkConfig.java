package io.tether.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code spark} section: the Spark application that runs the rollout and reward stages.
 *
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:7077}, {@code yarn},
 *     {@code k8s://...})
 * @param appName application name shown in the Spark UI
 * @param executorMemory executor heap, e.g. {@code 4g}; empty: Spark's default
 * @param executorCores cores per executor; 0: Spark's default
 * @param partitions partitions of the prompt data set; 0: Spark's default parallelism
 * @param conf extra Spark settings, passed as they are; kept sorted by key
 */
public record SparkConfig(
    String master,
    String appName,
    String executorMemory,
    int executorCores,
    int partitions,
    Map<String, String> conf) {

  /** Validates every field and makes {@code conf} an unmodifiable sorted copy. */
  public SparkConfig {
    Check.nonEmpty("spark.master", master);
    Check.present("spark.app_name", appName);
    Check.present("spark.executor_memory", executorMemory);
    Check.atLeast("spark.executor_cores", executorCores, 0);
    Check.atLeast("spark.partitions", partitions, 0);
    conf = copyConf(conf);
  }

  /** {@code local[*]}, app {@code tether}, Spark's defaults for everything else. */
  public static SparkConfig defaults() {
    return new SparkConfig("local[*]", "tether", "", 0, 0, Map.of());
  }

  private static Map<String, String> copyConf(Map<String, String> conf) {
    Check.present("spark.conf", conf);
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      String key = "spark.conf." + e.getKey();
      Check.nonEmpty(key, e.getKey());
      sorted.put(e.getKey(), Check.present(key, e.getValue()));
    }
    return Collections.unmodifiableMap(sorted);
  }
}

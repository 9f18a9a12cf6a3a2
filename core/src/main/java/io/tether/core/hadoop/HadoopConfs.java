package io.tether.core.hadoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration every file access of a process goes through, built as Spark builds its
 * own: Hadoop's defaults ({@code core-default.xml}, and a {@code core-site.xml} on the classpath),
 * then {@code core-site.xml} and {@code hdfs-site.xml} of {@code $HADOOP_CONF_DIR}, then each
 * {@code spark.hadoop.X} setting as {@code X}, last and winning. A run takes its Spark session's
 * configuration instead (Spark applied the {@code spark.hadoop.*} settings) and only adds
 * {@code $HADOOP_CONF_DIR} to it ({@link #addConfDir}).
 */
public final class HadoopConfs {
  /** The prefix of Spark settings that are Hadoop settings. */
  public static final String SPARK_PREFIX = "spark.hadoop.";
  /** The environment variable naming the directory of the cluster's Hadoop XML files. */
  public static final String CONF_DIR_ENV = "HADOOP_CONF_DIR";
  /** The files of {@code $HADOOP_CONF_DIR} that configure file systems. */
  public static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml");

  private HadoopConfs() {}

  /**
   * For a command outside a run: Hadoop's defaults, {@code $HADOOP_CONF_DIR}, and the {@code
   * spark.hadoop.*} system properties (what spark-submit's {@code --conf} sets).
   */
  public static Configuration forProcess() {
    return of(System.getenv(CONF_DIR_ENV), sparkHadoop(System.getProperties()));
  }

  /**
   * Hadoop's defaults, the site files of {@code confDir} (null or empty: none), then {@code
   * hadoop}'s entries (Hadoop keys, already without {@code spark.hadoop.}).
   */
  public static Configuration of(String confDir, Map<String, String> hadoop) {
    Configuration conf = new Configuration();
    hadoop.forEach((k, v) -> conf.set(k, v, SPARK_PREFIX + k));
    return addConfDir(conf, confDir);
  }

  /**
   * Adds the site files of {@code confDir} (null or empty: nothing) to {@code conf} and returns
   * it. Values set on {@code conf} itself (Spark's {@code spark.hadoop.*}) keep winning over them.
   *
   * @throws IllegalArgumentException naming the directory or file if it is not a directory or a
   *     file does not parse
   */
  public static Configuration addConfDir(Configuration conf, String confDir) {
    if (confDir == null || confDir.isBlank()) {
      return conf;
    }
    Path dir = Path.of(confDir);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(CONF_DIR_ENV + "=" + confDir + ": not a directory");
    }
    for (String name : SITE_FILES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        conf.addResource(parsed(file));
      }
    }
    return conf;
  }

  /** The file's URL after checking that Hadoop can parse it (it parses lazily, much later). */
  private static URL parsed(Path file) {
    try {
      URL url = file.toUri().toURL();
      Configuration probe = new Configuration(false);
      probe.addResource(url);
      probe.size();
      return url;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not a Hadoop configuration file: "
          + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
  }

  /** {@code X -> value} for every {@code spark.hadoop.X} key of {@code settings}, sorted. */
  public static Map<String, String> sparkHadoop(Map<?, ?> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> {
      String key = String.valueOf(k);
      if (key.startsWith(SPARK_PREFIX) && key.length() > SPARK_PREFIX.length()) {
        out.put(key.substring(SPARK_PREFIX.length()), String.valueOf(v));
      }
    });
    return out;
  }
}

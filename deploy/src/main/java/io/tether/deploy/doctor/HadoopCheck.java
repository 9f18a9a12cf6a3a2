package io.tether.deploy.doctor;

import io.tether.core.hadoop.HadoopConfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;

/**
 * Hadoop writes and reads back a file, and says which URI schemes can be opened and which
 * {@code HADOOP_CONF_DIR} was read. The configuration is what a command outside a run uses:
 * Hadoop's defaults, {@code $HADOOP_CONF_DIR} and spark-submit's {@code spark.hadoop.*}.
 */
final class HadoopCheck {
  private HadoopCheck() {}

  static String run() throws IOException {
    Configuration conf = HadoopConfs.forProcess();
    java.nio.file.Path dir = Files.createTempDirectory("tether-doctor");
    try {
      Path p = new Path(dir.toUri().toString(), "probe.txt");
      FileSystem fs = p.getFileSystem(conf);
      try (FSDataOutputStream out = fs.create(p, false)) {
        out.write("tether".getBytes(StandardCharsets.UTF_8));
      }
      try (FSDataInputStream in = fs.open(p)) {
        String back = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!back.equals("tether")) {
          throw new IllegalStateException("read back \"" + back + "\" from " + p);
        }
      }
      fs.delete(p, false);
    } finally {
      Files.deleteIfExists(dir.resolve(".probe.txt.crc"));
      Files.deleteIfExists(dir.resolve("probe.txt"));
      Files.deleteIfExists(dir);
    }
    return "Hadoop " + VersionInfo.getVersion() + ", file:// round trip ok, schemes "
        + schemes(conf) + confDir();
  }

  private static String confDir() {
    String dir = System.getenv(HadoopConfs.CONF_DIR_ENV);
    return dir == null || dir.isBlank() ? ", no " + HadoopConfs.CONF_DIR_ENV
        : ", " + HadoopConfs.CONF_DIR_ENV + " " + dir;
  }

  private static List<String> schemes(Configuration conf) {
    List<String> found = new ArrayList<>();
    for (String s : List.of("file", "hdfs", "webhdfs", "s3a", "abfs", "gs")) {
      try {
        FileSystem.getFileSystemClass(s, conf);
        found.add(s);
      } catch (IOException | RuntimeException e) {
        // not in this jar: left out of the list
      }
    }
    return found;
  }
}

package io.tether.core.hadoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code tetherfs://}, which Hadoop knows only when a
 * configuration names this class as {@code fs.tetherfs.impl}: a process that opens a {@code
 * tetherfs://} URI with any other configuration fails ("No FileSystem for scheme"). Every open and
 * create leaves a marker file in the directory named by {@code tetherfs.marker.dir} (a setting it
 * also refuses to start without), one line {@code <open|create> <pid> <path>}, so that a test sees
 * which JVMs read or wrote what through it, executors included.
 */
public class MarkingFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "tetherfs";
  public static final String MARKER_DIR = "tetherfs.marker.dir";
  private static final URI ROOT = URI.create(SCHEME + ":///");

  private java.nio.file.Path markers;

  /** One marker: what was done, by which JVM, to which path. */
  public record Mark(String op, long pid, String path) {}

  /** The Spark settings that register this file system, marking into {@code markerDir}. */
  public static Map<String, String> sparkSettings(java.nio.file.Path markerDir) {
    return Map.of(HadoopConfs.SPARK_PREFIX + "fs." + SCHEME + ".impl",
        MarkingFileSystem.class.getName(),
        // no cached instance could stand in for a configuration that lacks the setting
        HadoopConfs.SPARK_PREFIX + "fs." + SCHEME + ".impl.disable.cache", "true",
        HadoopConfs.SPARK_PREFIX + MARKER_DIR, markerDir.toString());
  }

  /** {@code file} as a {@code tetherfs://} URI. */
  public static String uri(java.nio.file.Path file) {
    return SCHEME + "://" + file.toAbsolutePath().toUri().getPath();
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    String dir = conf.get(MARKER_DIR);
    if (dir == null) {
      throw new IOException(MARKER_DIR + " is not set: the configuration did not come through");
    }
    markers = Files.createDirectories(java.nio.file.Path.of(dir));
  }

  @Override
  public URI getUri() {
    return ROOT;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    mark("open", f);
    return super.open(f, bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    mark("create", f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    mark("create", f);
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  private void mark(String op, Path f) throws IOException {
    String line = op + " " + ProcessHandle.current().pid() + " " + makeQualified(f);
    Files.writeString(markers.resolve(UUID.randomUUID() + ".mark"), line,
        StandardCharsets.UTF_8);
  }

  /** Every marker left in {@code dir}. */
  public static List<Mark> marks(java.nio.file.Path dir) {
    List<Mark> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<java.nio.file.Path> files = Files.list(dir)) {
      for (java.nio.file.Path p : files.toList()) {
        String[] f = Files.readString(p, StandardCharsets.UTF_8).split(" ", 3);
        out.add(new Mark(f[0], Long.parseLong(f[1]), f[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
    return out;
  }
}

package io.tether.rollout;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and {@code workers} worker JVMs
 * started from this JVM's own classpath (no Spark download). Workers launch executors as their
 * own JVMs; a temporary SPARK_HOME whose {@code jars/} links the classpath's jars is what their
 * launcher needs. Everything is killed on close.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path home;
  private final int masterPort;
  private final String classPath;
  private final String jvmFlags;

  /** A cluster run from this JVM's classpath with this JVM's flags. */
  public LocalStandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
    this(dir, workers, classPath(), jvmFlags());
  }

  /**
   * A cluster whose master, workers and executors run from {@code classPath} (for example one
   * application jar) with {@code jvmFlags}.
   */
  public LocalStandaloneCluster(Path dir, int workers, String classPath, String jvmFlags)
      throws IOException, InterruptedException {
    this.classPath = classPath;
    this.jvmFlags = jvmFlags;
    this.home = sparkHome(dir, classPath);
    this.masterPort = freePort();
    start(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host",
        "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port",
        Integer.toString(freePort()));
    awaitPort(masterPort);
    for (int i = 0; i < workers; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      start(dir.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--webui-port",
          Integer.toString(freePort()), "--work-dir", work.toString(), masterUrl());
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /**
   * A driver session in this JVM on this cluster: executors run from the cluster's classpath with
   * its flags and a 1 GiB heap, and jobs wait until every worker's executor has registered.
   */
  public SparkSession session(String appName) {
    return session(appName, Map.of());
  }

  /** As {@link #session(String)}, with {@code conf} (Spark settings) applied last. */
  public SparkSession session(String appName, Map<String, String> conf) {
    SparkSession.Builder b = SparkSession.builder().master(masterUrl()).appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "1g")
        .config("spark.executor.extraClassPath", classPath)
        .config("spark.executor.extraJavaOptions", jvmFlags)
        .config("spark.executorEnv.OPT_OUT_TRACKING", "true")
        .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
    conf.forEach(b::config);
    return b.getOrCreate();
  }

  /** Kills worker {@code i} and what it launched (its executor JVMs), as a crashed node would. */
  public void killWorker(int i) {
    Process worker = processes.get(1 + i);
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  /** This JVM's classpath, for the executors. */
  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** The --add-opens and -D flags this JVM was started with, for the executors. */
  public static String jvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dai.djl")
            || a.startsWith("-Doffline") || a.startsWith("-DOPT_OUT") || a.startsWith("-DDJL")
            || a.startsWith("-Dio.netty"))
        .collect(Collectors.joining(" "));
  }

  private static Path sparkHome(Path dir, String classPath) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    return jars.getParent();
  }

  private void start(Path log, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(jvmFlags.split(" ")));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    processes.add(pb.start());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IOException("Spark master did not open 127.0.0.1:" + port + " within 60 s");
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

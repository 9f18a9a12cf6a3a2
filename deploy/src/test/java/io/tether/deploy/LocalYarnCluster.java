package io.tether.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A YARN resource manager and one node manager in this JVM (Hadoop's {@link MiniYARNCluster}),
 * on 127.0.0.1, using {@code fs} (a MiniDFSCluster's configuration) as the default file system.
 * {@link #confDir()} holds the {@code core-site.xml} and {@code yarn-site.xml} a client needs, for
 * {@code HADOOP_CONF_DIR}. Containers are launched by the node manager as child processes.
 */
final class LocalYarnCluster implements AutoCloseable {
  private final MiniYARNCluster yarn;
  private final Path confDir;

  LocalYarnCluster(Path dir, Configuration fs) throws IOException {
    YarnConfiguration conf = new YarnConfiguration(fs);
    conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
    conf.set(YarnConfiguration.RM_SCHEDULER,
        "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    conf.set(YarnConfiguration.NM_ADDRESS, "127.0.0.1:0");
    conf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, "127.0.0.1:0");
    conf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, "127.0.0.1:0");
    // the mini cluster gives its node manager this, not yarn.nodemanager.resource.memory-mb
    conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 8192);
    conf.setInt(YarnConfiguration.NM_VCORES, 8);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, false);
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage",
        "99.9");
    conf.setLong(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
    yarn = new MiniYARNCluster("tether-yarn-it", 1, 1, 1);
    yarn.init(conf);
    long t0 = System.nanoTime();
    yarn.start();
    System.out.printf("MiniYARNCluster started in %d ms, resource manager at %s%n",
        (System.nanoTime() - t0) / 1_000_000, yarn.getConfig().get(YarnConfiguration.RM_ADDRESS));
    confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
    Configuration client = new Configuration(false);
    for (var e : yarn.getConfig()) {
      if (e.getKey().startsWith("yarn.resourcemanager.")) {
        client.set(e.getKey(), yarn.getConfig().get(e.getKey()));
      }
    }
    try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
      client.writeXml(out);
    }
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", fs.get("fs.defaultFS"));
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      core.writeXml(out);
    }
  }

  /** The client configuration directory, for {@code HADOOP_CONF_DIR}. */
  Path confDir() {
    return confDir;
  }

  /** Spark executor processes in this cluster's containers (launch scripts and JVMs). */
  static List<ProcessHandle> executors() {
    return ProcessHandle.allProcesses()
        .filter(p -> commandLine(p).contains("YarnCoarseGrainedExecutorBackend"))
        .toList();
  }

  /** Kills one executor container's JVM (signal 9); the pid killed, if there was one. */
  static Optional<Long> killOneExecutor() {
    Optional<ProcessHandle> victim = executors().stream()
        .filter(p -> p.info().command().orElse("").endsWith("java")).findFirst();
    victim.ifPresent(ProcessHandle::destroyForcibly);
    return victim.map(ProcessHandle::pid);
  }

  private static String commandLine(ProcessHandle p) {
    return p.info().commandLine().orElse("");
  }

  @Override
  public void close() {
    yarn.stop();
  }
}

package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.MiniHdfs;
import io.tether.deploy.report.MetricsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether run} submitted with {@code bin/tether-submit --master yarn} (client deploy mode:
 * the driver and learner in the submitting JVM, the application master and two executors in
 * YARN containers) to a MiniYARNCluster whose default file system is a MiniDFSCluster, from the
 * application jar with nothing but a Java install on the node (the jar is Spark's library:
 * {@code spark.yarn.jars}). The same run in local mode is the reference: rollouts and metrics
 * equal it, rollouts came from executor containers, and one executor container killed during the
 * second iteration's rollout stage loses and duplicates nothing. Then the same run in cluster
 * deploy mode (the driver and learner in the application master's container; spark-submit's exit
 * code is the application's final status) equals it too.
 */
class YarnIT {
  private static final Pattern FIRST_ROLLOUT_TASK =
      Pattern.compile("^rollout \\[.*\\] 1/8 tasks.*");

  @TempDir Path dir;

  @Test
  void yarnClientRunOnHdfsEqualsTheLocalRunAndSurvivesAnExecutorKill() throws Exception {
    try (MiniHdfs hdfs = MiniHdfs.start();
        LocalYarnCluster yarn = new LocalYarnCluster(dir, hdfs.conf())) {
      Path config = ClusterIT.config(hdfs, dir);
      Path local = dir.resolve("local-run");
      assertEquals(0, submit(yarn, config, local, "local[2]", "client",
          hdfs.uri() + "/ckpt/local", line -> { }), "local run failed; see " + local.resolveSibling("local-run.log"));

      AtomicBoolean ppo = new AtomicBoolean();
      AtomicInteger rolloutStages = new AtomicInteger();
      List<Long> killed = new ArrayList<>();
      Path remote = dir.resolve("yarn-run");
      long t0 = System.nanoTime();
      int rc = submit(yarn, config, remote, "yarn", "client", hdfs.uri() + "/ckpt/yarn", line -> {
        ppo.compareAndSet(false, line.startsWith("ppo ["));
        if (ppo.get() && FIRST_ROLLOUT_TASK.matcher(line).matches()
            && rolloutStages.incrementAndGet() == 3) {
          Optional<Long> pid = LocalYarnCluster.killOneExecutor();
          pid.ifPresent(killed::add);
          System.out.println(">>> killed executor container JVM " + pid + " during iteration 1");
        }
      });
      System.out.printf("YARN run: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      assertEquals(0, rc, "YARN run failed; see " + remote.resolveSibling("yarn-run.log"));
      assertEquals(1, killed.size(), "an executor container was running to be killed");
      assertEquals(4, rolloutStages.get(), "saw both iterations' rollout and eval stages");
      assertRanInContainersAndRetried(remote.resolve("executors.jsonl"), killed.get(0));
      RunComparison.assertSameRollouts(local, remote, 2);
      RunComparison.assertSameMetrics(MetricsTable.read(local.resolve("metrics.csv")),
          MetricsTable.read(remote.resolve("metrics.csv")));

      // cluster mode: the driver, and the learner, in the application master's container
      Path inAm = dir.resolve("yarn-cluster-run");
      t0 = System.nanoTime();
      assertEquals(0, submit(yarn, config, inAm, "yarn", "cluster", hdfs.uri() + "/ckpt/am",
          line -> { }), "YARN cluster-mode run failed; see "
          + inAm.resolveSibling("yarn-cluster-run.log"));
      System.out.printf("YARN cluster-mode run: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      long submitter = ProcessHandle.current().pid();
      JsonNode first = new ObjectMapper().readTree(
          Files.readAllLines(inAm.resolve("executors.jsonl")).get(0));
      assertFalse(first.get("driver_pid").asLong() == submitter, first.toString());
      first.get("pids").forEach(p -> assertFalse(p.asLong() == first.get("driver_pid").asLong(),
          first.toString()));
      RunComparison.assertSameRollouts(local, inAm, 2);
      RunComparison.assertSameMetrics(MetricsTable.read(local.resolve("metrics.csv")),
          MetricsTable.read(inAm.resolve("metrics.csv")));
    }
  }

  private static void assertRanInContainersAndRetried(Path log, long killedPid)
      throws Exception {
    JsonNode first = ClusterIT.assertRanOnExecutorsAndRetried(log);
    List<Long> pids = new ArrayList<>();
    first.get("pids").forEach(p -> pids.add(p.asLong()));
    assertTrue(pids.contains(killedPid), "the JVM killed was an executor at work: " + first);
  }

  private int submit(LocalYarnCluster yarn, Path config, Path runDir, String master,
      String deployMode, String checkpoints, java.util.function.Consumer<String> watcher)
      throws Exception {
    Path script = Path.of("bin", "tether-submit").toAbsolutePath();
    String javaHome = System.getProperty("java.home");
    List<String> cmd = List.of("bash", script.toString(), "--master", master,
        "--deploy-mode", deployMode, "--driver-memory", "1g",
        "--conf", "spark.driver.memoryOverhead=768m",
        "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "1g",
        "--conf", "spark.yarn.am.memory=512m",
        "--conf", "spark.executor.memoryOverhead=768m",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
        "--jar", AppJar.path().toString(),
        "--", "run", "--config", config.toString(), "--run-dir", runDir.toString(),
        "--set", "run.checkpoint_dir=" + checkpoints);
    Path log = runDir.resolveSibling(runDir.getFileName() + ".log");
    return AppJar.run(cmd, log, Map.of("HADOOP_CONF_DIR", yarn.confDir().toString()), line -> {
      System.out.println(line);
      watcher.accept(line);
    });
  }
}

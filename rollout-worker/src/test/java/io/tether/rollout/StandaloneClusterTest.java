package io.tether.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout stage on a real multi-process Spark standalone cluster on 127.0.0.1 (a master and
 * two workers, executors in their own JVMs) gives the same rollouts as local mode.
 */
class StandaloneClusterTest {
  @TempDir Path dir;

  @Test
  void clusterRolloutsEqualLocalOnesAndComeFromExecutorJvms() throws Exception {
    String store = Files.createDirectories(dir.resolve("run")).toString();
    RolloutStageTest.publish(store, Role.POLICY, 0, 11);
    RolloutStageTest.publish(store, Role.REFERENCE, 0, 11);
    RolloutRequest req = RolloutStageTest.request(store, 0, 5);
    RolloutResult<Rollout> local;
    SparkSession l = SparkSession.builder().master("local[2]").appName("local-ref")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      local = RolloutStageTest.stage(l).generate(req, RolloutStageTest.prompts(8), 2, TaskHook.NONE);
    } finally {
      l.stop();
    }
    try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir.resolve("cluster"), 2)) {
      SparkSession s = cluster.session("cluster");
      try {
        RolloutResult<Rollout> remote =
            RolloutStageTest.stage(s).generate(req, RolloutStageTest.prompts(8), 2, TaskHook.NONE);
        RolloutStageTest.assertSameSamples(local.rows(), remote.rows());
        assertFalse(remote.executors().contains("driver"), remote.executors().toString());
        assertFalse(remote.pids().contains(ProcessHandle.current().pid()));
        assertTrue(remote.modelLoads() >= 2, "each executor JVM loaded its own models");
        System.out.printf("standalone: executors %s, pids %s, %.0f tokens/s, loads %d (%.2f s)%n",
            remote.executors(), remote.pids(), remote.tokensPerSecond(), remote.modelLoads(),
            remote.modelLoadSeconds());
        assertEquals(16, remote.rows().size());
      } finally {
        s.stop();
      }
    }
  }
}

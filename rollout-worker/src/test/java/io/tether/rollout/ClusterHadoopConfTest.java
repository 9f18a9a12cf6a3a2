package io.tether.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.Role;
import io.tether.core.hadoop.MarkingFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hadoop setting given only the Spark way reaches the executors of a standalone cluster: the
 * checkpoint store is on a scheme ({@code tetherfs://}) whose file system is registered only
 * through {@code spark.hadoop.fs.tetherfs.impl} on the driver's session, so the rollout stage can
 * load the policy only through the run's Hadoop configuration as the driver shipped it.
 */
class ClusterHadoopConfTest {
  @TempDir Path dir;

  @Test
  void executorsLoadThePolicyThroughAFileSystemGivenOnlyAsASparkHadoopSetting() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    RolloutStageTest.publish(run.toString(), Role.POLICY, 0, 11);
    RolloutStageTest.publish(run.toString(), Role.REFERENCE, 0, 11);
    RolloutRequest req = RolloutStageTest.request(MarkingFileSystem.uri(run), 0, 5);
    Path marks = dir.resolve("marks");
    try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir.resolve("cluster"), 2)) {
      SparkSession s = cluster.session("hadoop-conf", MarkingFileSystem.sparkSettings(marks));
      try {
        RolloutResult<Rollout> r =
            RolloutStageTest.stage(s).generate(req, RolloutStageTest.prompts(8), 2, TaskHook.NONE);
        assertEquals(16, r.rows().size());
        long driver = ProcessHandle.current().pid();
        assertFalse(r.pids().contains(driver), "the rollouts came from executor JVMs");
        for (Role role : new Role[] {Role.POLICY, Role.REFERENCE}) {
          String version = "tetherfs:" + run.toAbsolutePath() + "/checkpoints/"
              + role.dirName() + "/v000000/";
          Set<Long> readers = MarkingFileSystem.marks(marks).stream()
              .filter(m -> m.op().equals("open") && m.path().startsWith(version))
              .map(MarkingFileSystem.Mark::pid).collect(Collectors.toCollection(TreeSet::new));
          assertEquals(new TreeSet<>(r.pids()), readers,
              "every executor JVM that made rollouts read " + version + " through tetherfs://");
        }
      } finally {
        s.stop();
      }
    }
  }
}

package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.testing.ChildJvm;
import io.tether.deploy.report.MetricsTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's JVM is killed (SIGKILL) at random points of a run — during set-up or mid-iteration,
 * possibly while a checkpoint is being written — and {@code resume} finishes it: the metrics
 * equal those of an undisturbed run with the same seed and no iteration is counted twice.
 */
class KillAndResumeTest {
  @org.junit.jupiter.api.BeforeAll
  static void defaultTaskData() {
    io.tether.core.data.DefaultTaskData.ensure();
  }

  @TempDir Path dir;

  private static MetricsTable inProcess(TetherConfig c, Path runDir) {
    return Pipeline.run(c, new RunLayout(runDir),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).metrics();
  }

  private Process child(Path config, Path runDir) throws Exception {
    List<String> cmd = ChildJvm.command("2g", "io.tether.deploy.Tether",
        List.of("run", "--config", config.toString(), "--run-dir", runDir.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(runDir.getFileName() + ".log").toFile()).start();
  }

  /** Polls until a version >= 2 of the role is being written (its temporary directory exists). */
  private static boolean awaitCheckpointInProgress(Path roleDir, Process p)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline) {
      String[] names = roleDir.toFile().list();
      if (names != null) {
        for (String n : names) {
          if (n.startsWith(".v") && n.contains(".tmp-") && !n.startsWith(".v000001")
              && !n.startsWith(".v000000")) {
            return true;
          }
        }
      }
      Thread.sleep(1);
    }
    return false;
  }

  private static int rows(Path runDir) {
    try {
      return Files.exists(runDir.resolve("metrics.csv"))
          ? MetricsTable.read(runDir.resolve("metrics.csv")).rows().size() : 0;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Test
  void killedRunsResumeToTheUndisturbedResult() throws Exception {
    TetherConfig c = PipelineTest.tiny(4, PipelineTest.preferences(dir));
    MetricsTable undisturbed = inProcess(c, dir.resolve("undisturbed"));
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, ConfigLoader.toYaml(c));
    SplittableRandom random = new SplittableRandom(7);
    // 0: during set-up; 1: during an iteration; 2: while a checkpoint is being written
    int[] killAfterRows = {0, 2, 1};
    for (int k = 0; k < killAfterRows.length; k++) {
      Path runDir = dir.resolve("killed-" + k);
      Process p = child(config, runDir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (p.isAlive() && rows(runDir) < killAfterRows[k] && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (k == 2) {
        assertTrue(awaitCheckpointInProgress(runDir.resolve("checkpoints/critic"), p),
            "saw a critic checkpoint being written");
      } else {
        Thread.sleep(k == 0 ? 3000 + random.nextInt(3000) : random.nextInt(400));
      }
      assertTrue(p.isAlive(), "the run finished before it could be killed; see its log");
      p.destroyForcibly().waitFor();
      int before = rows(runDir);
      MetricsTable resumed = inProcess(c, runDir);
      System.out.printf("killed run %d after %d iteration(s); resumed to %d%n", k, before,
          resumed.rows().size());
      assertEquals(4, resumed.rows().size());
      for (int i = 0; i < 4; i++) {
        Map<String, Double> x = undisturbed.rows().get(i);
        Map<String, Double> y = resumed.rows().get(i);
        assertEquals(x.get(MetricNames.ITERATION), y.get(MetricNames.ITERATION));
        for (String key : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.KL_COEF,
            MetricNames.LOSS_POLICY)) {
          assertEquals(x.get(key), y.get(key), 1e-4 * Math.max(1, Math.abs(x.get(key))),
              "run " + k + ", iteration " + i + ", " + key);
        }
      }
    }
    // the narrow window between the critic's and the policy's commit, made on purpose: the last
    // critic version is ahead of the resume point, and the resumed run writes it again
    Path runDir = dir.resolve("killed-0");
    Path policy4 = runDir.resolve("checkpoints/policy/v000004");
    Files.delete(policy4.resolve("CHECKSUMS"));
    assertTrue(Files.isDirectory(runDir.resolve("checkpoints/critic/v000004")));
    MetricsTable resumed = inProcess(c, runDir);
    assertEquals(4, resumed.rows().size());
    assertEquals(undisturbed.rows().get(3).get(MetricNames.LOSS_POLICY),
        resumed.rows().get(3).get(MetricNames.LOSS_POLICY),
        1e-4 * Math.max(1, Math.abs(undisturbed.rows().get(3).get(MetricNames.LOSS_POLICY))));
    // and the window after an iteration's checkpoint but before its metrics row: the resumed run
    // goes back to the version whose rows are all there and does the iteration again
    Path csv = runDir.resolve("metrics.csv");
    List<String> lines = Files.readAllLines(csv);
    Files.write(csv, lines.subList(0, lines.size() - 1));
    resumed = inProcess(c, runDir);
    assertEquals(4, resumed.rows().size());
    assertEquals(undisturbed.rows().get(3).get(MetricNames.LOSS_POLICY),
        resumed.rows().get(3).get(MetricNames.LOSS_POLICY),
        1e-4 * Math.max(1, Math.abs(undisturbed.rows().get(3).get(MetricNames.LOSS_POLICY))));
  }
}

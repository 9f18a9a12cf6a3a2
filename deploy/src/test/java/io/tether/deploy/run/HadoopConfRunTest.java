package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.core.hadoop.HadoopConfs;
import io.tether.core.hadoop.MarkingFileSystem;
import io.tether.core.time.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop settings given the Spark way reach every file a run opens: the checkpoint store, the
 * prompts and the preference pairs are on {@code tetherfs://}, a scheme whose file system is
 * registered only by {@code spark.conf.spark.hadoop.fs.tetherfs.impl} (a {@code --set} of the run
 * config), and that file system needs a setting given only as a {@code spark.hadoop.*} system
 * property (what spark-submit's {@code --conf} sets).
 */
class HadoopConfRunTest {
  @TempDir Path dir;

  @Test
  void aRunOnASchemeKnownOnlyFromSparkHadoopSettingsReadsAndWritesEverythingThroughIt()
      throws Exception {
    Path marks = dir.resolve("marks");
    Files.writeString(dir.resolve("prompts.jsonl"),
        "{\"prompt\": \"The food was\"}\n{\"prompt\": \"The film was\"}\n");
    Path prefs = PipelineTest.preferences(dir);
    String ckpt = MarkingFileSystem.uri(dir.resolve("ckpt"));
    List<String> set = new ArrayList<>(List.of("run.checkpoint_dir=" + ckpt,
        "data.prompts=" + MarkingFileSystem.uri(dir.resolve("prompts.jsonl")),
        "data.preferences=" + MarkingFileSystem.uri(prefs),
        "sft.steps=2", "sft.warmup_steps=0", "reward.train.steps=2", "reward.train.pairs=4",
        "rollout.prompts_per_iteration=2", "rollout.max_new_tokens=4", "spark.master=local[1]"));
    String markerKey = HadoopConfs.SPARK_PREFIX + MarkingFileSystem.MARKER_DIR;
    for (Map.Entry<String, String> e : MarkingFileSystem.sparkSettings(marks).entrySet()) {
      if (!e.getKey().equals(markerKey)) {
        set.add("spark.conf." + e.getKey() + "=" + e.getValue());
      }
    }
    TetherConfig c = PipelineTest.tiny(1, prefs, set.toArray(String[]::new));
    System.setProperty(markerKey, marks.toString());
    try {
      Pipeline.run(c, new RunLayout(dir.resolve("run")),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    } finally {
      System.clearProperty(markerKey);
    }

    long pid = ProcessHandle.current().pid();
    List<MarkingFileSystem.Mark> m = MarkingFileSystem.marks(marks);
    assertTrue(m.stream().allMatch(k -> k.pid() == pid), "local mode: one JVM");
    String root = "tetherfs:" + dir.toAbsolutePath();
    assertMarked(m, "open", root + "/prompts.jsonl");
    assertMarked(m, "open", root + "/prefs.jsonl");
    for (Role role : new Role[] {Role.REFERENCE, Role.REWARD, Role.POLICY, Role.CRITIC}) {
      assertMarked(m, "create", root + "/ckpt/checkpoints/" + role.dirName() + "/");
    }
    // the rollout tasks' policy and the embedded reward stage's reward model
    assertMarked(m, "open", root + "/ckpt/checkpoints/policy/v000000/");
    assertMarked(m, "open", root + "/ckpt/checkpoints/reward/v000000/");
    assertTrue(Files.isRegularFile(dir.resolve("ckpt/checkpoints/policy/v000001/CHECKSUMS")));
    assertEquals(1, Files.readAllLines(dir.resolve("run/metrics.csv")).size() - 1);
  }

  @Test
  void theRunsConfigurationIsTheSessionsWithHadoopConfDirUnderSparkHadoopSettings()
      throws Exception {
    Path conf = Files.createDirectories(dir.resolve("hadoop-conf"));
    Files.writeString(conf.resolve("core-site.xml"), "<configuration>"
        + "<property><name>fs.trash.interval</name><value>7</value></property>"
        + "<property><name>tether.test.site</name><value>from-site</value></property>"
        + "</configuration>");
    TetherConfig c = PipelineTest.tiny(1, dir.resolve("prefs.jsonl"), "spark.master=local[1]",
        "spark.conf.spark.hadoop.fs.trash.interval=9");
    SparkSession spark = SparkSessions.create(c.spark(), conf.toString());
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER)) {
      RunContext ctx = RunContext.of(c, new RunLayout(dir.resolve("run")), spark, System.out,
          memory, Ticker.SYSTEM);
      assertSame(spark.sparkContext().hadoopConfiguration(), ctx.hadoop());
      assertEquals("from-site", ctx.hadoop().get("tether.test.site"));
      assertEquals("9", ctx.hadoop().get("fs.trash.interval"), "spark.hadoop.* wins");
    } finally {
      spark.stop();
    }
  }

  private static void assertMarked(List<MarkingFileSystem.Mark> m, String op, String prefix) {
    assertTrue(m.stream().anyMatch(k -> k.op().equals(op) && k.path().startsWith(prefix)),
        op + " " + prefix + "* through tetherfs://, among " + m.size() + " marks");
  }
}

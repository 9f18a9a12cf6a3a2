package io.tether.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.MiniHdfs;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.BadLinePolicy;
import io.tether.core.config.PromptFormat;
import io.tether.core.config.PromptOverflow;
import io.tether.core.tokenizer.ByteTokenizer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts and checkpoints on a real in-process HDFS: the stage reads both from hdfs://. */
class HdfsRolloutTest {
  @TempDir Path dir;

  @Test
  void promptsAndWeightsFromHdfsGiveTheSameRolloutsAsTheLocalFileSystem() throws Exception {
    try (MiniHdfs hdfs = MiniHdfs.start()) {
      String store = hdfs.uri() + "/runs/r1";
      FileSystem fs = hdfs.fileSystem();
      try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/prompts.jsonl"))) {
        out.write("{\"prompt\": \"Hello\"}\n{\"prompt\": \"The film\"}\n{\"prompt\": \"I\"}\n"
            .getBytes(StandardCharsets.UTF_8));
      }
      PromptSet prompts = new PromptSource(new Configuration(), new ByteTokenizer(),
          BadLinePolicy.FAIL, PromptOverflow.REJECT, 40)
          .read(hdfs.uri() + "/data/prompts.jsonl", PromptFormat.AUTO);
      assertEquals(3, prompts.prompts().size());
      String local = dir.toString();
      for (String s : new String[] {store, local}) {
        RolloutStageTest.publish(s, Role.POLICY, 0, 21);
        RolloutStageTest.publish(s, Role.REFERENCE, 0, 21);
      }
      SparkSession spark = SparkSession.builder().master("local[2]").appName("hdfs")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      try {
        RolloutStage stage = RolloutStageTest.stage(spark);
        RolloutResult<Rollout> fromHdfs = stage.generate(RolloutStageTest.request(store, 0, 2),
            prompts.prompts(), 2, TaskHook.NONE);
        RolloutResult<Rollout> fromLocal = stage.generate(RolloutStageTest.request(local, 0, 2),
            prompts.prompts(), 2, TaskHook.NONE);
        assertEquals(6, fromHdfs.rows().size());
        RolloutStageTest.assertSameSamples(fromLocal.rows(), fromHdfs.rows());
      } finally {
        spark.stop();
      }
    }
  }
}

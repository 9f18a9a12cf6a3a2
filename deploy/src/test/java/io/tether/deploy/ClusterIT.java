package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.MiniHdfs;
import io.tether.deploy.report.MetricsTable;
import io.tether.deploy.run.OwnTaskFiles;
import io.tether.rollout.LocalStandaloneCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether run} from the application jar, launched with {@code bin/tether-submit}, against
 * a real Spark standalone cluster on 127.0.0.1 (a master and two workers started from that jar,
 * executors in their own JVMs), with prompts, preferences and checkpoints on a real HDFS
 * MiniDFSCluster. The same run in local mode is the reference: the cluster run's rollouts and
 * metrics equal it, its rollouts came from executor JVMs, and killing one worker (and its
 * executor) while the second iteration's rollout stage runs loses and duplicates nothing.
 */
class ClusterIT {
  private static final Pattern FIRST_ROLLOUT_TASK = Pattern.compile("^rollout \\[.*\\] 1/8 tasks.*");
  private static final int PARTITIONS = 8;

  @TempDir Path dir;

  @Test
  void clusterRunOnHdfsEqualsTheLocalRunAndSurvivesAWorkerKill() throws Exception {
    try (MiniHdfs hdfs = MiniHdfs.start()) {
      Path config = config(hdfs);
      Path local = dir.resolve("local-run");
      assertEquals(0, submit(config, local, "local[2]", hdfs.uri() + "/ckpt/local", line -> { }),
          "local run failed; see " + local.resolveSibling("local-run.log"));

      Path jar = AppJar.path();
      try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir.resolve("cluster"), 2,
          jar.toString(), String.join(" ", JvmOptions.flags()))) {
        // set-up samples with the rollout stage too; count PPO iterations' stages only: each
        // iteration has its training rollout stage, then its evaluation stage (eval.every: 1)
        AtomicBoolean ppo = new AtomicBoolean();
        AtomicInteger rolloutStages = new AtomicInteger();
        Path remote = dir.resolve("cluster-run");
        int rc = submit(config, remote, cluster.masterUrl(), hdfs.uri() + "/ckpt/cluster",
            line -> {
              ppo.compareAndSet(false, line.startsWith("ppo ["));
              if (ppo.get() && FIRST_ROLLOUT_TASK.matcher(line).matches()
                  && rolloutStages.incrementAndGet() == 3) {
                cluster.killWorker(0);
                System.out.println(">>> killed worker 0 and its executor during iteration 1");
              }
            });
        assertEquals(0, rc, "cluster run failed; see " + remote.resolveSibling("cluster-run.log"));
        assertEquals(4, rolloutStages.get(), "saw both iterations' rollout and eval stages");
        assertRanOnExecutorsAndRetried(remote.resolve("executors.jsonl"));
        RunComparison.assertSameRollouts(local, remote, 2);
        assertNoGoldFigures(remote);
        RunComparison.assertSameMetrics(MetricsTable.read(local.resolve("metrics.csv")),
            MetricsTable.read(remote.resolve("metrics.csv")));
        assertTrue(hdfs.fileSystem().exists(new org.apache.hadoop.fs.Path("/ckpt/cluster")),
            "checkpoints were written to HDFS");
      }
    }
  }

  /**
   * A run from a Llama-family Hugging Face directory on HDFS (its tokenizer.json run by the
   * tokenizers natives inside the application jar, in the executors too) equals the local run.
   */
  @Test
  void pretrainedModelFromHdfsRunsOnTheClusterAsLocally() throws Exception {
    try (MiniHdfs hdfs = MiniHdfs.start()) {
      Path base = config(hdfs);
      io.tether.core.tokenizer.BpeTokenizer bpe = io.tether.core.tokenizer.BpeTrainer.fit(
          new ArrayList<>(OwnTaskFiles.contents().values()), 320);
      Path model = io.tether.deploy.run.TinyHfModels.llama(dir.resolve("llama"), bpe);
      try (var files = Files.list(model)) {
        for (Path f : files.toList()) {
          hdfs.fileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()),
              new org.apache.hadoop.fs.Path("/models/llama/" + f.getFileName()));
        }
      }
      Path config = dir.resolve("pretrained.yaml");
      Files.writeString(config, Files.readString(base)
          .replace("{preset: tiny, tokenizer: byte, context_length: 64}",
              "{pretrained: \"" + hdfs.uri() + "/models/llama\"}")
          .replace("iterations: 2", "iterations: 1"));
      Path local = dir.resolve("pretrained-local");
      assertEquals(0, submit(config, local, "local[2]", hdfs.uri() + "/ckpt/pl", line -> { }),
          "local run failed; see " + local.resolveSibling("pretrained-local.log"));
      try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir.resolve("cluster2"),
          2, AppJar.path().toString(), String.join(" ", JvmOptions.flags()))) {
        Path remote = dir.resolve("pretrained-cluster");
        assertEquals(0, submit(config, remote, cluster.masterUrl(), hdfs.uri() + "/ckpt/pc",
            line -> { }), "cluster run failed; see "
            + remote.resolveSibling("pretrained-cluster.log"));
        JsonNode first = new ObjectMapper().readTree(
            Files.readAllLines(remote.resolve("executors.jsonl")).get(0));
        long driver = first.get("driver_pid").asLong();
        first.get("pids").forEach(p -> assertFalse(p.asLong() == driver, first.toString()));
        RunComparison.assertSameRollouts(local, remote, 1);
        RunComparison.assertSameMetrics(MetricsTable.read(local.resolve("metrics.csv")),
            MetricsTable.read(remote.resolve("metrics.csv")));
        assertTrue(Files.readString(remote.resolveSibling("pretrained-cluster.log"))
            .contains("tether: model: " + hdfs.uri() + "/models/llama"));
      }
    }
  }

  /** The user's own task: no gold column, no gold fit, and the empty data cache stayed empty. */
  private void assertNoGoldFigures(Path run) throws Exception {
    assertFalse(MetricsTable.read(run.resolve("metrics.csv")).names()
        .contains(io.tether.core.metrics.MetricNames.GOLD_SCORES));
    var summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(run.resolve("summary.json").toFile());
    assertTrue(summary.at("/fit_gold").isNull() && summary.at("/final/gold_score").isNull(),
        summary.toString());
    assertTrue(summary.at("/task").asText().startsWith("task: files"), summary.toString());
    try (var cache = Files.list(dir.resolve("empty-cache"))) {
      assertEquals(0, cache.count(), "no default-task data was read or fetched");
    }
  }

  /**
   * executors.jsonl of a two-iteration run: both executor JVMs (neither the driver) produced
   * iteration 0's rollouts, and iteration 1 ran tasks again; returns iteration 0's line.
   */
  static JsonNode assertRanOnExecutorsAndRetried(Path log) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      lines.add(json.readTree(l));
    }
    assertEquals(2, lines.size(), lines.toString());
    JsonNode first = lines.get(0);
    long driver = first.get("driver_pid").asLong();
    assertEquals(2, first.get("pids").size(), "both executor JVMs produced rollouts: " + first);
    first.get("pids").forEach(p -> assertFalse(p.asLong() == driver, "rollouts left the driver"));
    first.get("executors").forEach(e -> assertFalse(e.asText().equals("driver"), first.toString()));
    JsonNode second = lines.get(1);
    assertTrue(second.get("task_retries").asInt() >= 1,
        "tasks of the killed executor were run again: " + second);
    return first;
  }

  private int submit(Path config, Path runDir, String master, String checkpoints,
      java.util.function.Consumer<String> watcher) throws Exception {
    Path script = Path.of("bin", "tether-submit").toAbsolutePath();
    List<String> cmd = List.of("bash", script.toString(), "--master", master,
        "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=60s",
        "--jar", AppJar.path().toString(),
        "--", "run", "--config", config.toString(), "--run-dir", runDir.toString(),
        "--set", "run.checkpoint_dir=" + checkpoints);
    Path log = runDir.resolveSibling(runDir.getFileName() + ".log");
    return AppJar.run(cmd, log, line -> {
      System.out.println(line);
      watcher.accept(line);
    });
  }

  /**
   * The tiny test run of the user's own task (HH-RLHF prompts, SFT texts, preferences and
   * evaluation prompts, {@link OwnTaskFiles}) on HDFS, with an empty default-task data cache.
   */
  private Path config(MiniHdfs hdfs) throws Exception {
    return config(hdfs, dir);
  }

  /** {@link #config(MiniHdfs)} with its files under {@code dir}. */
  static Path config(MiniHdfs hdfs, Path dir) throws Exception {
    FileSystem fs = hdfs.fileSystem();
    for (Map.Entry<String, String> e : OwnTaskFiles.contents().entrySet()) {
      put(fs, "/data/" + e.getKey(), e.getValue());
    }
    String data = hdfs.uri() + "/data/";
    Files.createDirectories(dir.resolve("empty-cache"));
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("run", "{name: cluster-it, seed: 7, iterations: 2}");
    keys.put("data", "{prompts: \"" + data + "prompts.jsonl\", preferences: \"" + data
        + "prefs.jsonl\", sft: \"" + data + "sft.jsonl\", eval_prompts: \"" + data
        + "eval_prompts.jsonl\", cache_dir: \"" + dir.resolve("empty-cache") + "\"}");
    keys.put("model", "{preset: tiny, tokenizer: byte, context_length: 64}");
    keys.put("sft", "{steps: 30, batch_size: 8, seq_len: 64, lr: 0.002, warmup_steps: 5}");
    keys.put("rollout", "{prompts_per_iteration: 32, samples_per_prompt: 1, batch_size: 4,"
        + " max_new_tokens: 16}");
    keys.put("reward", "{train: {steps: 30, batch_size: 8}}");
    keys.put("learner", "{ppo: {epochs: 2, minibatch_size: 8}, kl: {init_coef: 0.01},"
        + " optimizer: {lr: 0.002}}");
    keys.put("eval", "{every: 1, samples: 32}");
    keys.put("spark", "{partitions: " + PARTITIONS + "}");
    StringBuilder yaml = new StringBuilder();
    keys.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
    Path f = dir.resolve("cluster-it.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static void put(FileSystem fs, String path, String text) throws Exception {
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}

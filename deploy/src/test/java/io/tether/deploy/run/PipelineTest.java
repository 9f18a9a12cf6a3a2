package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelStore;
import io.tether.deploy.report.MetricsTable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the tiny preset in local[2]: outputs, learning, and resume. */
class PipelineTest {
  @org.junit.jupiter.api.BeforeAll
  static void defaultTaskData() {
    io.tether.core.data.DefaultTaskData.ensure();
  }

  @TempDir Path dir;

  /** Hand-made preferences: a continuation with a positive word over one with a negative word. */
  static Path preferences(Path dir) throws Exception {
    Path f = dir.resolve("prefs.jsonl");
    StringBuilder s = new StringBuilder();
    String[] good = {"great", "good", "love it", "nice", "fun"};
    String[] bad = {"bad", "awful", "hate it", "boring", "poor"};
    for (int i = 0; i < 60; i++) {
      String prompt = "The " + (i % 2 == 0 ? "food" : "film") + " was ";
      s.append("{\"prompt\": \"").append(prompt).append("\", \"chosen\": \"")
          .append(good[i % 5]).append(".\", \"rejected\": \"").append(bad[(i / 5) % 5])
          .append(".\"}\n");
    }
    Files.writeString(f, s);
    return f;
  }

  static TetherConfig tiny(int iterations, Path prefs, String... extra) throws Exception {
    List<String> o = new ArrayList<>(List.of("data.preferences=" + prefs,
        "model.preset=tiny", "model.tokenizer=byte", "model.context_length=64", "sft.steps=80", "sft.seq_len=64",
        "sft.batch_size=8", "reward.train.steps=60", 
        "rollout.prompts_per_iteration=16", "rollout.batch_size=8", "rollout.max_new_tokens=12",
        "run.iterations=" + iterations, "learner.ppo.epochs=2", "learner.ppo.minibatch_size=8",
        "learner.optimizer.lr=0.002", "learner.kl.init_coef=0.01", "spark.master=local[2]",
        "spark.partitions=2", "spark.conf.spark.ui.enabled=false",
        // the settings these tests were written for, whatever the quickstart's
        "rollout.temperature=1.0", "reward.train.pooling=last", "eval.every=5",
        "reward.train.batch_size=16", "reward.train.lr=0.0003", "reward.train.annotator_tau=1.0",
        "reward.train.embedding_lr_scale=1", "reward.train.review_pairs=4",
        "reward.train.layers=0"));
    o.addAll(List.of(extra));
    try (InputStream in = PipelineTest.class.getResourceAsStream(
        "/io/tether/deploy/quickstart.yaml")) {
      return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "quickstart.yaml", o);
    }
  }

  /** Runs {@code c} in {@code runDir}, its log printed when it is done. */
  static Pipeline.Outcome run(TetherConfig c, Path runDir) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Pipeline.Outcome o = Pipeline.run(c, new RunLayout(runDir),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    System.out.print(log.toString(StandardCharsets.UTF_8));
    return o;
  }

  @Test
  void writesWellFormedOutputsRaisesTheRewardAndResumesToTheSameResult() throws Exception {
    Path full = dir.resolve("full");
    Pipeline.Outcome a = run(tiny(5, preferences(dir)), full);

    MetricsTable t = MetricsTable.read(full.resolve("metrics.csv"));
    assertEquals(5, t.rows().size());
    for (String name : List.of(MetricNames.SCORES, MetricNames.GOLD_SCORES, MetricNames.KL,
        MetricNames.SQRT_KL, MetricNames.KL_COEF, MetricNames.CLIPFRAC, MetricNames.LOSS_VALUE,
        MetricNames.TIME_ROLLOUT, MetricNames.TIME_LEARNER)) {
      for (double v : t.column(name)) {
        assertTrue(Double.isFinite(v), name + " " + v);
      }
    }
    double[] scores = t.column(MetricNames.SCORES);
    assertTrue(scores[4] > scores[0], "RM score should rise: " + java.util.Arrays.toString(scores));

    for (String png : List.of("reward_vs_sqrt_kl.png", "curves.png")) {
      BufferedImage img = ImageIO.read(full.resolve(png).toFile());
      assertEquals(1000, img.getWidth());
    }
    String svg = Files.readString(full.resolve("reward_vs_sqrt_kl.svg"));
    assertTrue(svg.contains("RM score = ") && svg.contains("R^2 ="), svg.substring(0, 200));
    JsonNode summary = new ObjectMapper().readTree(full.resolve("summary.json").toFile());
    for (String path : List.of("/fit/slope", "/fit/intercept", "/fit/r2", "/sft/score",
        "/sft/gold_score", "/final/score", "/final/gold_score", "/final/kl",
        "/reward_model/heldout_accuracy", "/wall_seconds", "/sft/eval_score", "/final/eval_score",
        "/final/eval_gold_score", "/sft/word_fraction", "/final/word_fraction")) {
      assertTrue(summary.at(path).isNumber(), path + " in " + summary);
    }
    assertEquals(scores[0], summary.at("/sft/score").asDouble(), 1e-9);
    double words = summary.at("/final/word_fraction").asDouble();
    assertTrue(words >= 0 && words <= 1, "a share: " + words);
    assertTrue(Files.readString(full.resolve("samples.md")).contains("- final: `"));
    for (String v : List.of("/versions/djl", "/versions/pytorch", "/versions/spark")) {
      assertTrue(summary.at(v).asText().matches("\\d+\\.\\d+\\.\\d+.*"), v + " in " + summary);
    }
    List<io.tether.core.arrow.ScoredRollout> kept;
    try (org.apache.arrow.memory.RootAllocator allocator =
        new org.apache.arrow.memory.RootAllocator()) {
      kept = io.tether.learner.ScoredRolloutFiles.read(new Configuration(),
          full.resolve("rollouts/iter-000004.arrow").toString(), allocator);
    }
    assertEquals(16 * tiny(1, preferences(dir)).rollout().samplesPerPrompt(), kept.size());
    for (int i = 1; i < kept.size(); i++) {
      var x = kept.get(i - 1).rollout();
      var y = kept.get(i).rollout();
      assertTrue(x.promptId() < y.promptId()
          || (x.promptId() == y.promptId() && x.sampleIndex() < y.sampleIndex()), "row " + i);
    }
    assertEquals(scores[4], kept.stream().mapToDouble(io.tether.core.arrow.ScoredRollout::score)
        .average().orElseThrow(), 1e-5, "the learner's mean score is the kept rows' mean");
    try (org.apache.spark.sql.SparkSession spark = SparkSessions.create(tiny(1, preferences(dir)).spark())) {
      List<org.apache.spark.sql.Row> parquet =
          io.tether.deploy.report.ParquetMetrics.read(spark, full.resolve("metrics.parquet"));
      assertEquals(5, parquet.size());
      assertEquals(4L, parquet.get(4).<Long>getAs(MetricNames.ITERATION));
      assertEquals(scores[4], parquet.get(4).<Double>getAs(MetricNames.SCORES), 0);
    }
    CheckpointStore store = new CheckpointStore(new Configuration(), full.toString());
    assertEquals(5, store.latest(Role.POLICY).getAsLong());

    Path cut = dir.resolve("cut");
    run(tiny(3, preferences(dir)), cut);
    assertEquals(3, MetricsTable.read(cut.resolve("metrics.csv")).rows().size());
    Pipeline.Outcome resumed = run(tiny(5, preferences(dir)), cut);
    MetricsTable r = resumed.metrics();
    assertEquals(5, r.rows().size());
    for (int i = 0; i < 5; i++) {
      Map<String, Double> x = t.rows().get(i);
      Map<String, Double> y = r.rows().get(i);
      for (String k : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.KL_COEF,
          MetricNames.LOSS_POLICY)) {
        assertEquals(x.get(k), y.get(k), 1e-4 * Math.max(1, Math.abs(x.get(k))),
            "iteration " + i + " " + k);
      }
    }
  }

  /**
   * GRPO: no critic is created or checkpointed (the learner state has a role of its own), the
   * G samples of every prompt reach the learner together, no value metric is written, and a run
   * cut after 2 iterations resumes to what the uncut run computed.
   */
  @Test
  void aGrpoRunHasNoCriticAndResumesToTheSameResult() throws Exception {
    String[] grpo = {"learner.advantage=grpo", "rollout.samples_per_prompt=4",
        "rollout.prompts_per_iteration=6", "eval.every=0"};
    Path full = dir.resolve("grpo");
    MetricsTable t = run(tiny(3, preferences(dir), grpo), full).metrics();
    Path checkpoints = full.resolve("checkpoints");
    assertTrue(Files.isDirectory(checkpoints.resolve("learner")), "learner state role");
    assertTrue(!Files.exists(checkpoints.resolve("critic")), "a critic was checkpointed");
    CheckpointStore store = new CheckpointStore(new Configuration(), full.toString());
    assertEquals(store.versions(Role.POLICY), store.versions(Role.LEARNER));
    assertEquals(3, store.latest(Role.POLICY).getAsLong());
    for (Map<String, Double> row : t.rows()) {
      assertTrue(!row.containsKey(MetricNames.LOSS_VALUE)
          && !row.containsKey(MetricNames.EXPLAINED_VARIANCE), row.toString());
      assertTrue(Double.isFinite(row.get(MetricNames.LOSS_POLICY)), row.toString());
    }
    List<io.tether.core.arrow.ScoredRollout> kept;
    try (org.apache.arrow.memory.RootAllocator allocator =
        new org.apache.arrow.memory.RootAllocator()) {
      kept = io.tether.learner.ScoredRolloutFiles.read(new Configuration(),
          full.resolve("rollouts/iter-000002.arrow").toString(), allocator);
    }
    Map<Long, Long> groups = kept.stream().collect(java.util.stream.Collectors.groupingBy(
        s -> s.rollout().promptId(), java.util.stream.Collectors.counting()));
    assertEquals(6, groups.size());
    assertTrue(groups.values().stream().allMatch(n -> n == 4), groups.toString());

    Path cut = dir.resolve("grpo-cut");
    run(tiny(2, preferences(dir), grpo), cut);
    MetricsTable r = run(tiny(3, preferences(dir), grpo), cut).metrics();
    for (int i = 0; i < 3; i++) {
      for (String k : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.KL_COEF,
          MetricNames.LOSS_POLICY)) {
        double x = t.rows().get(i).get(k);
        assertEquals(x, r.rows().get(i).get(k), 1e-4 * Math.max(1, Math.abs(x)),
            "iteration " + i + " " + k);
      }
    }
  }

  /**
   * reward.train.layers 1 under the tiny policy's 2 blocks: the reward model is trained and
   * stored with one block, the critic made from it has that one block, and a resumed run reads
   * that critic back and goes on.
   */
  @Test
  void aRewardModelOfTheLowestBlockGivesACriticOfOneBlockThatResumes() throws Exception {
    Path runDir = dir.resolve("one-block");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Pipeline.run(tiny(1, preferences(dir), "reward.train.layers=1"), new RunLayout(runDir),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(
        "reward model: the SFT policy's lowest 1 of 2 blocks"), log.toString());
    CheckpointStore store = new CheckpointStore(new Configuration(), runDir.toString());
    try (GptModel sft = ModelStore.read(store.open(Role.REFERENCE, 0), DataType.FLOAT32, null);
        GptModel rm = ModelStore.read(store.open(Role.REWARD, 0), DataType.FLOAT32, null);
        GptModel critic = ModelStore.read(store.open(Role.CRITIC, 1), DataType.FLOAT32, null)) {
      assertEquals(2, sft.spec().nLayer());
      assertEquals(sft.spec().withLayers(1).withHead(rm.spec().head()), rm.spec());
      assertEquals(rm.spec().withHead(HeadKind.VALUE), critic.spec());
    }
    MetricsTable t = run(tiny(2, preferences(dir), "reward.train.layers=1"), runDir).metrics();
    assertEquals(2, store.latest(Role.CRITIC).getAsLong());
    assertEquals(2, t.rows().size());
    assertTrue(Double.isFinite(t.rows().get(1).get(MetricNames.LOSS_VALUE)), t.toString());
  }

  @Test
  void aCasedCorpusTokenizerKeepsThePromptsCase() throws Exception {
    Path runDir = dir.resolve("cased");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Pipeline.run(tiny(1, preferences(dir), "model.tokenizer=corpus", "model.vocab_size=600"),
        new RunLayout(runDir), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(
        "tether: tokenizer: byte-level BPE of 600 ids fitted to "), log.toString());
    var stored = io.tether.core.tokenizer.RunTokenizers.read(
        new CheckpointStore(new Configuration(), runDir.toString())).orElseThrow();
    assertTrue(!stored.lowercase());
    String prompt;
    try (var memory = new org.apache.arrow.memory.RootAllocator()) {
      prompt = stored.decode(io.tether.learner.ScoredRolloutFiles.read(new Configuration(),
          runDir.resolve("rollouts/iter-000000.arrow").toUri().toString(), memory).get(0)
          .rollout().promptTokens());
    }
    assertTrue(!prompt.equals(prompt.toLowerCase(java.util.Locale.ROOT)), prompt);
    assertTrue(Files.readString(runDir.resolve("data/prompts.jsonl")).contains(
        "\"" + prompt + "\""), prompt);
  }

  @Test
  void theCorpusTokenizerIsFittedOnceStoredWithTheRunAndUsedEverywhere() throws Exception {
    Path runDir = dir.resolve("corpus");
    // uncased: the stored file keeps the Lowercase normalizer, every stage encodes any case alike
    String[] corpus = {"model.tokenizer=corpus", "model.vocab_size=600",
        "model.tokenizer_lowercase=true"};
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Pipeline.run(tiny(1, preferences(dir), corpus), new RunLayout(runDir),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(
        "tether: tokenizer: uncased byte-level BPE of 600 ids fitted to "), log.toString());
    CheckpointStore store = new CheckpointStore(new Configuration(), runDir.toString());
    var stored = io.tether.core.tokenizer.RunTokenizers.read(store).orElseThrow();
    assertEquals(600, stored.vocabSize());
    assertTrue(stored.lowercase());
    // the models are built for it; rollouts decode with it to the prompts' text
    assertEquals(600, io.tether.core.model.ModelStore.spec(store.open(Role.POLICY, 1))
        .vocabSize());
    String prompt;
    try (var memory = new org.apache.arrow.memory.RootAllocator()) {
      prompt = stored.decode(io.tether.learner.ScoredRolloutFiles.read(new Configuration(),
          runDir.resolve("rollouts/iter-000000.arrow").toUri().toString(), memory).get(0)
          .rollout().promptTokens());
    }
    assertEquals(prompt.toLowerCase(java.util.Locale.ROOT), prompt);
    assertTrue(Files.readString(runDir.resolve("data/prompts.jsonl")).toLowerCase(
        java.util.Locale.ROOT).contains("\"" + prompt + "\""), prompt);
    // tether score and serve-reward find it from the reward model's checkpoint
    var rmTok = io.tether.reward.RewardCheckpoints.tokenizer(new Configuration(),
        io.tether.reward.RewardCheckpoints.open(new Configuration(), runDir.toString()));
    assertEquals(java.util.Arrays.toString(stored.encode(" the movie was great")),
        java.util.Arrays.toString(rmTok.encode(" The Movie was GREAT")));
    // resumed: the stored tokenizer, not a new fit
    log.reset();
    Pipeline.run(tiny(2, preferences(dir), corpus), new RunLayout(runDir),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(!log.toString(StandardCharsets.UTF_8).contains("fitted"), log.toString());
    // resumed asking for the other case: refused by name, not decoded with the wrong one
    var cased = org.junit.jupiter.api.Assertions.assertThrows(
        io.tether.core.config.ConfigException.class, () -> run(tiny(3, preferences(dir),
            "model.tokenizer=corpus", "model.vocab_size=600"), runDir));
    assertEquals("model.tokenizer_lowercase is false but " + store.sharedUri("tokenizer.json")
        + " is uncased; a model keeps the tokenizer it was trained with, so set"
        + " model.tokenizer_lowercase: true", cased.getMessage());
    // a reward model of another tokenizer is refused by name
    var e = org.junit.jupiter.api.Assertions.assertThrows(
        io.tether.core.config.ConfigException.class, () -> run(tiny(1, preferences(dir),
            "model.tokenizer=corpus", "model.vocab_size=600",
            "reward.checkpoint=" + full(dir)), dir.resolve("mixed")));
    assertTrue(e.getMessage().startsWith("reward.checkpoint " + store(full(dir))), e.getMessage());
    assertTrue(e.getMessage().contains("trained with a fixed tokenizer, not this run's fitted"
        + " tokenizer"), e.getMessage());
  }

  /** A byte-tokenizer run with a reward model. */
  private Path full(Path dir) throws Exception {
    Path p = dir.resolve("byte-run");
    if (!Files.exists(p.resolve("summary.json"))) {
      run(tiny(1, preferences(dir)), p);
    }
    return p;
  }

  private static String store(Path run) {
    return new CheckpointStore(new Configuration(), run.toString()).uri(Role.REWARD, 0);
  }

  @Test
  void theLearnerRunsInFloat64OnTheConfiguredDeviceAndAMissingGpuIsAClearError()
      throws Exception {
    Path runDir = dir.resolve("f64");
    Pipeline.Outcome o = run(tiny(1, preferences(dir), "model.dtype=float64",
        "learner.device=cpu"), runDir);
    double kl = o.metrics().rows().get(0).get(MetricNames.KL);
    assertTrue(Double.isFinite(kl), "float64 learner gives finite metrics: " + kl);
    assertEquals(1, new CheckpointStore(new Configuration(), runDir.toUri().toString())
        .open(Role.POLICY, 1).version(), "the float64 policy was published");
    boolean gpu = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0;
    if (!gpu) {
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class,
          () -> run(tiny(1, preferences(dir), "learner.device=gpu"), dir.resolve("gpu")));
      assertTrue(e.getMessage().contains("learner.device is gpu"), e.getMessage());
    }
  }

  @Test
  void remoteModeScoresThroughTheRewardServiceWithAToken() throws Exception {
    Path runDir = dir.resolve("remote");
    run(tiny(2, preferences(dir)), runDir);
    var checkpoint = io.tether.reward.RewardCheckpoints.open(new Configuration(),
        runDir.toString());
    try (io.tether.reward.RewardModel rm = io.tether.reward.RewardModel.read(checkpoint, 258);
        io.tether.reward.flight.RewardServer server = io.tether.reward.flight.RewardServer.start(
            io.tether.reward.flight.RewardServer.Options.local(0, "tok-s3cret"),
            new io.tether.reward.RolloutScorer(rm, null, new io.tether.core.tokenizer.ByteTokenizer(),
                8, 0, 0)::score, checkpoint.uri())) {
      int port = server.location().getUri().getPort();
      MetricsTable t = run(tiny(4, preferences(dir), "reward.mode=remote", "reward.port=" + port,
          "reward.token=tok-s3cret"), runDir).metrics();
      assertEquals(4, t.rows().size());
      for (String f : List.of("summary.json", "config.yaml")) {
        assertTrue(!Files.readString(runDir.resolve(f)).contains("tok-s3cret"),
            "the token is not written to " + f);
      }
      double[] rewardTime = t.column(MetricNames.TIME_REWARD);
      assertEquals(0.0, rewardTime[1], 0, "embedded: reward time is inside the rollout");
      assertTrue(rewardTime[2] > 0 && rewardTime[3] > 0, java.util.Arrays.toString(rewardTime));
      for (double s : t.column(MetricNames.SCORES)) {
        assertTrue(Double.isFinite(s));
      }
    }
    TetherConfig wrongToken = tiny(5, preferences(dir), "reward.mode=remote", "reward.port=1",
        "reward.retries=1");
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> run(wrongToken, runDir));
    assertTrue(e.getMessage().startsWith("reward service at grpc+tcp://127.0.0.1:1 failed after"
        + " 2 attempt(s): UNAVAILABLE"), e.getMessage());
    assertEquals(4, MetricsTable.read(runDir.resolve("metrics.csv")).rows().size(),
        "a failed iteration writes nothing");
  }
}

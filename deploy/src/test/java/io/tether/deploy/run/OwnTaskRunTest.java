package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.deploy.report.MetricsTable;
import io.tether.learner.ScoredRolloutFiles;
import io.tether.reward.RewardCheckpoints;
import io.tether.reward.RewardModel;
import io.tether.reward.RolloutScorer;
import io.tether.reward.flight.RewardServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own task end to end in local[2], with an empty default-task data cache: SFT ->
 * reward model -> PPO on HH-RLHF files, no gold figure anywhere; then runs that start from the
 * first run's policy and reward model with {@code sft.steps: 0}, embedded and remote.
 */
class OwnTaskRunTest {
  @TempDir Path dir;

  private TetherConfig config(int iterations, String... extra) throws Exception {
    Path data = dir.resolve("data");
    if (!Files.isDirectory(data)) {
      Files.createDirectories(data);
      for (Map.Entry<String, String> f : OwnTaskFiles.contents().entrySet()) {
        Files.writeString(data.resolve(f.getKey()), f.getValue());
      }
      Files.createDirectories(dir.resolve("empty-cache"));
    }
    List<String> o = new ArrayList<>(List.of("data.cache_dir=" + dir.resolve("empty-cache"),
        "data.prompts=" + data.resolve("prompts.jsonl"), "data.sft=" + data.resolve("sft.jsonl"),
        "data.eval_prompts=" + data.resolve("eval_prompts.jsonl"), "model.context_length=128",
        "sft.seq_len=128", "sft.steps=40", "eval.every=1", "eval.samples=20"));
    o.addAll(List.of(extra));
    return PipelineTest.tiny(iterations, data.resolve("prefs.jsonl"), o.toArray(String[]::new));
  }

  static String run(TetherConfig c, Path runDir) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Pipeline.run(c, new RunLayout(runDir), new PrintStream(log, true, StandardCharsets.UTF_8));
    String text = log.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    return text;
  }

  @Test
  void filesOnlyRunHasNoGoldFiguresAndLaterRunsStartFromItsCheckpoints() throws Exception {
    Path a = dir.resolve("a");
    String log = run(config(2), a);
    assertTrue(log.startsWith("tether: task: files (no gold reward); prompts "), log);
    assertTrue(log.contains(": 40 training, 8 evaluation;"), log);
    try (var cache = Files.list(dir.resolve("empty-cache"))) {
      assertEquals(0, cache.count(), "no default-task data was fetched or needed");
    }
    MetricsTable t = MetricsTable.read(a.resolve("metrics.csv"));
    assertEquals(2, t.rows().size());
    String header = Files.readAllLines(a.resolve("metrics.csv")).get(0);
    assertFalse(header.contains("gold"), "no gold column, not even an empty one: " + header);
    assertFalse(log.replace("(no gold reward)", "").contains("gold"), "no gold printed: " + log);
    JsonNode s = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
    for (String p : List.of("/fit_gold", "/sft/gold_score", "/final/gold_score", "/annotator")) {
      assertTrue(s.at(p).isNull(), p + " in " + s);
    }
    assertTrue(s.at("/final/score").isNumber(), s.toString());
    assertEquals(60, s.at("/reward_model/pairs").asInt());
    assertTrue(s.at("/scorer").asText().startsWith("reward model trained by this run"), s.toString());
    assertTrue(s.at("/task").asText().startsWith("task: files"), s.toString());
    assertFalse(Files.readString(a.resolve("reward_vs_sqrt_kl.svg")).contains("gold"));
    assertRolloutsFromTrainingPromptsWithoutGold(a.resolve("rollouts/iter-000001.arrow"));
    assertEvaluationOnEvaluationPromptsOnly(a.resolve("rollouts/eval-000001.arrow"), t);
    List<String> samples = Files.readAllLines(a.resolve("samples.jsonl"));
    assertEquals(24, samples.size(), "8 evaluation prompts x 3 samples, SFT and final side by side");
    for (String line : samples) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertTrue(n.at("/prompt").asText().startsWith("\n\nHuman: The gig "), line);
      assertEquals(1, n.at("/final/iteration").asInt());
      assertTrue(n.at("/sft/score").isNumber() && n.at("/final/gold_score").isMissingNode(), line);
    }
    assertTrue(Files.readString(a.resolve("samples.md")).contains("- SFT: `"));

    Path b = dir.resolve("b");
    log = run(config(1, "sft.steps=0", "data.sft=", "data.preferences=",
        "model.checkpoint=" + a, "reward.checkpoint=" + a), b);
    assertTrue(log.contains("sft: skipped (sft.steps: 0)"), log);
    assertSameFile(a.resolve("checkpoints/policy/v000002/model.params"),
        b.resolve("checkpoints/reference/v000000/model.params"));
    assertSameFile(a.resolve("checkpoints/reward/v000000/model.params"),
        b.resolve("checkpoints/reward/v000000/model.params"));
    s = new ObjectMapper().readTree(b.resolve("summary.json").toFile());
    assertTrue(s.at("/reward_model").isNull() && s.at("/sft/first_loss").isNull(), s.toString());
    assertEquals("reward model " + a, s.at("/scorer").asText());
    assertEquals(1, MetricsTable.read(b.resolve("metrics.csv")).rows().size());

    remoteWithoutRewardCheckpoint(a);
    checkpointsThatCannotServeAreNamed(a);
  }

  /** A policy of another shape, or a run without a reward model: one error naming the key. */
  private void checkpointsThatCannotServeAreNamed(Path a) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run(config(1, "sft.steps=0",
        "model.checkpoint=" + a, "model.d_model=32"), dir.resolve("d")));
    assertEquals("model.checkpoint", e.key());
    assertTrue(e.getMessage().startsWith("model.checkpoint " + a + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("/checkpoints/policy/v000002/model.json: holds"),
        e.getMessage());
    Path noReward = dir.resolve("c");
    e = assertThrows(ConfigException.class, () -> run(config(1, "sft.steps=0",
        "model.checkpoint=" + a, "reward.checkpoint=" + noReward), dir.resolve("e")));
    assertEquals("reward.checkpoint " + noReward + ": " + noReward + ": no checkpoint of [reward]"
        + " here; give a run directory or a version directory such as " + noReward
        + "/checkpoints/reward/v000000", e.getMessage().replace("file:", ""));
  }

  /** Remote scoring, no reward.checkpoint: nothing trained or kept, the critic from the policy. */
  private void remoteWithoutRewardCheckpoint(Path a) throws Exception {
    var checkpoint = RewardCheckpoints.open(new Configuration(), a.toString());
    try (RewardModel rm = RewardModel.read(checkpoint, 258);
        RewardServer server = RewardServer.start(RewardServer.Options.local(0, ""),
            new RolloutScorer(rm, null, new ByteTokenizer(), 8, 0, 0)::score,
            checkpoint.uri())) {
      int port = server.location().getUri().getPort();
      Path c = dir.resolve("c");
      String log = run(config(1, "sft.steps=0", "data.sft=", "data.preferences=",
          "model.checkpoint=" + a, "reward.mode=remote", "reward.port=" + port), c);
      assertTrue(log.contains("critic: from the policy"), log);
      assertFalse(Files.exists(c.resolve("checkpoints/reward")), "no reward model in the run");
      JsonNode s = new ObjectMapper().readTree(c.resolve("summary.json").toFile());
      assertEquals("reward service 127.0.0.1:" + port, s.at("/scorer").asText());
      assertTrue(s.at("/reward_model").isNull(), s.toString());
      CheckpointStore store = new CheckpointStore(new Configuration(), c.toString());
      try (GptModel ref = ModelStore.read(store.open(Role.REFERENCE, 0), DataType.FLOAT32, null);
          GptModel critic = ModelStore.read(store.open(Role.CRITIC, 0), DataType.FLOAT32, null)) {
        int trunk = 0;
        for (var e : ref.parameters().asMap().entrySet()) {
          if (!e.getKey().startsWith("head.")) {
            assertArrayEquals(e.getValue().toFloatArray(),
                critic.parameters().get(e.getKey()).toFloatArray(), 0f, e.getKey());
            trunk++;
          }
        }
        assertTrue(trunk > 4, "trunk parameters compared: " + trunk);
      }
    }
  }

  private static void assertRolloutsFromTrainingPromptsWithoutGold(Path file) throws Exception {
    List<ScoredRollout> rows;
    try (RootAllocator allocator = new RootAllocator()) {
      rows = ScoredRolloutFiles.read(new Configuration(), file.toString(), allocator);
    }
    Set<String> training = new HashSet<>();
    IntStream.range(0, 40).forEach(i -> training.add(OwnTaskFiles.prompt(i)));
    Set<String> eval = new HashSet<>();
    IntStream.range(0, 8).forEach(i -> eval.add(OwnTaskFiles.evalPrompt(i)));
    ByteTokenizer tok = new ByteTokenizer();
    assertEquals(16, rows.size());
    for (ScoredRollout r : rows) {
      assertFalse(r.hasGoldScore(), "no gold score in a files task");
      String prompt = tok.decode(r.rollout().promptTokens());
      assertTrue(training.contains(prompt), "a multi-turn training prompt, whole: " + prompt);
      assertFalse(eval.contains(prompt));
    }
  }

  /** eval.every=1, eval.samples=20: 8 evaluation prompts, 3 samples each, none trained on. */
  private static void assertEvaluationOnEvaluationPromptsOnly(Path file, MetricsTable t)
      throws Exception {
    List<ScoredRollout> rows;
    try (RootAllocator allocator = new RootAllocator()) {
      rows = ScoredRolloutFiles.read(new Configuration(), file.toString(), allocator);
    }
    assertEquals(24, rows.size());
    ByteTokenizer tok = new ByteTokenizer();
    Set<String> eval = new HashSet<>();
    IntStream.range(0, 8).forEach(i -> eval.add(OwnTaskFiles.evalPrompt(i)));
    for (ScoredRollout r : rows) {
      assertTrue(eval.contains(tok.decode(r.rollout().promptTokens())), r.toString());
      assertFalse(r.hasGoldScore());
    }
    Map<String, Double> last = t.rows().get(1);
    assertEquals(rows.stream().mapToDouble(ScoredRollout::score).average().orElseThrow(),
        last.get(MetricNames.EVAL_SCORE), 1e-5);
    assertEquals(24.0, last.get(MetricNames.EVAL_SAMPLES));
    assertTrue(Double.isFinite(last.get(MetricNames.EVAL_KL)));
    assertFalse(last.containsKey(MetricNames.EVAL_GOLD_SCORE));
  }

  private static void assertSameFile(Path x, Path y) throws Exception {
    assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), x + " vs " + y);
  }
}

package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.tokenizer.ByteTokenizer;
import io.tether.deploy.report.MetricsTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled arithmetic task end to end on a tiny model: rule rewards only (no reward model),
 * GRPO (no critic), a user's rule class beside the exact-match rule, rule scores in the kept
 * Arrow files and in the metrics, recomputed here from the decoded texts.
 */
class ArithmeticRunTest {
  @TempDir Path dir;

  static TetherConfig tiny(String... extra) throws Exception {
    List<String> o = new ArrayList<>(List.of("model.preset=tiny", "sft.steps=30",
        "run.iterations=2", "rollout.prompts_per_iteration=8", "rollout.batch_size=32",
        "eval.every=1", "eval.samples=16", "spark.master=local[2]", "spark.partitions=2",
        "spark.conf.spark.ui.enabled=false"));
    o.addAll(List.of(extra));
    try (InputStream in = ArithmeticRunTest.class.getResourceAsStream(
        "/io/tether/deploy/arithmetic.yaml")) {
      return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "arithmetic.yaml", o);
    }
  }

  private static Pipeline.Outcome run(TetherConfig c, Path runDir) {
    return PipelineTest.run(c, runDir);
  }

  @Test
  void rulesScoreTheArithmeticTaskWithoutAnyRewardModelOrCritic() throws Exception {
    Path runDir = dir.resolve("run");
    MetricsTable t = run(tiny("reward.rule_class=" + EndsWithNine.class.getName()), runDir)
        .metrics();
    CheckpointStore store = new CheckpointStore(new Configuration(), runDir.toString());
    assertEquals(List.of(), store.versions(Role.REWARD));
    assertEquals(List.of(), store.versions(Role.CRITIC));
    List<ScoredRollout> kept;
    try (org.apache.arrow.memory.RootAllocator allocator =
        new org.apache.arrow.memory.RootAllocator()) {
      kept = io.tether.learner.ScoredRolloutFiles.read(new Configuration(),
          runDir.resolve("rollouts/iter-000001.arrow").toString(), allocator);
    }
    assertEquals(8 * 8, kept.size());
    ByteTokenizer tok = new ByteTokenizer();
    double exact = 0;
    double nines = 0;
    Map<Long, java.util.Set<Float>> groupScores = new java.util.HashMap<>();
    for (ScoredRollout s : kept) {
      groupScores.computeIfAbsent(s.rollout().promptId(), k -> new java.util.HashSet<>())
          .add(s.score());
      String prompt = tok.decode(s.rollout().promptTokens());
      String response = tok.decode(s.rollout().responseTokens()).strip();
      String[] ab = prompt.substring(0, prompt.length() - 1).split("\\+");
      float right = response.equals(Integer.toString(Integer.parseInt(ab[0])
          + Integer.parseInt(ab[1]))) ? 1 : 0;
      float nine = response.endsWith("9") ? 1 : 0;
      assertEquals(null, s.modelScore());
      assertEquals(List.of(right, nine), List.of(s.ruleScores()[0], s.ruleScores()[1]),
          prompt + response);
      assertEquals(right + nine, s.score(), 1e-6, "the weighted sum, weights 1 and 1");
      exact += right;
      nines += nine;
    }
    Map<String, Double> last = t.rows().get(1);
    assertEquals(exact / kept.size(), last.get("rule/exact_match"), 1e-9);
    assertEquals(nines / kept.size(), last.get("rule/EndsWithNine"), 1e-9);
    assertTrue(last.containsKey("eval/rule/exact_match"), last.toString());
    assertEquals(8, groupScores.size(), "8 prompts x 8 samples");
    assertEquals(groupScores.values().stream().filter(v -> v.size() == 1).count() / 8.0,
        last.get(MetricNames.FLAT_GROUPS), 1e-9);
    assertTrue(!last.containsKey(MetricNames.LOSS_VALUE), last.toString());
    assertTrue(Files.readString(runDir.resolve("setup.json"))
        .contains("rules: 1.00 * exact_match + 1.00 * EndsWithNine"));
  }

  @Test
  void aMissingRuleClassStopsTheRunBeforeAnyWork() throws Exception {
    Path runDir = dir.resolve("missing");
    ConfigException e = assertThrows(ConfigException.class,
        () -> run(tiny("reward.rule_class=com.example.Nope"), runDir));
    assertEquals("reward.rules[1].class", e.key());
    assertTrue(!Files.exists(runDir.resolve("checkpoints")), "work was done before the check");
  }
}

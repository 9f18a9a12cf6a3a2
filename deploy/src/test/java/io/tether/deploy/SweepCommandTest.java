package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.core.metrics.MetricNames;
import io.tether.deploy.report.MetricsTable;
import io.tether.deploy.run.OwnTaskFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether sweep}: one run per value, then one table and figure of all of them. */
class SweepCommandTest {
  @TempDir Path dir;

  @Test
  void exactlyOneKeyIsSweptAndTheOthersApplyToEveryRun() {
    SweepCommand.Plan p = SweepCommand.Plan.of(List.of("run.iterations=2",
        "learner.kl.init_coef=0.01,0.1", "rollout.temperature=0.9"));
    assertEquals("learner.kl.init_coef", p.key());
    assertEquals(List.of("0.01", "0.1"), p.values());
    assertEquals(List.of("run.iterations=2", "rollout.temperature=0.9"), p.shared());
    assertThrows(IllegalArgumentException.class, () -> SweepCommand.Plan.of(List.of("a.b=1")));
    assertThrows(IllegalArgumentException.class,
        () -> SweepCommand.Plan.of(List.of("a.b=1,2", "c.d=3,4")));
  }

  @Test
  void twoRunsLandInOneTableWithEachRunsOwnFit() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (Map.Entry<String, String> f : OwnTaskFiles.contents().entrySet()) {
      Files.writeString(data.resolve(f.getKey()), f.getValue());
    }
    List<String> sets = List.of("data.prompts=" + data.resolve("prompts.jsonl"),
        "data.preferences=" + data.resolve("prefs.jsonl"), "model.preset=tiny",
        "model.tokenizer=byte", "rollout.temperature=1.0",
        "model.context_length=128", "sft.steps=20", "sft.warmup_steps=0", "sft.batch_size=8",
        "reward.train.steps=20", "reward.train.pairs=8", "rollout.prompts_per_iteration=8",
        "rollout.max_new_tokens=8", "run.iterations=3", "learner.ppo.epochs=1",
        "learner.ppo.minibatch_size=8", "eval.every=1", "eval.samples=16",
        "spark.master=local[1]", "spark.conf.spark.ui.enabled=false");
    assertEquals(0, Tether.execute(args(List.of("sweep", "--dir", dir.resolve("s").toString()),
        sets, "learner.kl.init_coef=0.01,0.2")));
    Path s = dir.resolve("s");
    List<String> csv = Files.readAllLines(s.resolve("sweep.csv"));
    assertEquals(3, csv.size(), csv.toString());
    String[] labels = {"learner.kl.init_coef=0.01", "learner.kl.init_coef=0.2"};
    for (int i = 0; i < 2; i++) {
      String[] cells = csv.get(i + 1).split(",", -1);
      assertEquals(labels[i], cells[0]);
      assertEquals("evaluation", cells[1]);
      MetricsTable t = MetricsTable.read(s.resolve(labels[i]).resolve("metrics.csv"));
      assertEquals(3, t.rows().size());
      double slope = slope(t.column(MetricNames.EVAL_SQRT_KL), t.column(MetricNames.EVAL_SCORE));
      assertEquals(slope, Double.parseDouble(cells[5]), 1e-4, "run " + labels[i]);
      assertEquals("", cells[6 + 2], "no gold fit in a files task");
    }
    assertTrue(Files.size(s.resolve("sweep_reward_vs_sqrt_kl.png")) > 1000);
    assertTrue(Files.readString(s.resolve("sweep_reward_vs_sqrt_kl.svg"))
        .contains("learner.kl.init_coef=0.2 (evaluation)"));
    assertFalse(Files.exists(s.resolve("sweep_gold_vs_sqrt_kl.png")), "no gold, no gold figure");
    assertTrue(Files.readString(s.resolve("sweep.md")).startsWith("| run | points |"));

    // the KL coefficient acts after the set-up: the second run started from the first's, and
    // ended where a run of its own config with its own set-up ends
    Path second = s.resolve(labels[1]);
    for (String f : List.of("checkpoints/reward/v000000/CHECKSUMS",
        "checkpoints/reference/v000000/CHECKSUMS")) {
      assertEquals(Files.readString(s.resolve(labels[0]).resolve(f)),
          Files.readString(second.resolve(f)), f);
    }
    JsonNode setup = new ObjectMapper().readTree(second.resolve("setup.json").toFile());
    assertEquals(new ObjectMapper().readTree(s.resolve(labels[0]).resolve("setup.json").toFile())
        .get("sft_seconds"), setup.get("sft_seconds"), "the first run's SFT, not one of its own");
    assertTrue(setup.get("scorer").asText().endsWith("set-up shared from " + labels[0]),
        setup.toString());
    Path alone = dir.resolve("alone");
    assertEquals(0, Tether.execute(args(List.of("quickstart", "--run-dir", alone.toString()),
        sets, "learner.kl.init_coef=0.2")));
    MetricsTable want = MetricsTable.read(alone.resolve("metrics.csv"));
    MetricsTable got = MetricsTable.read(second.resolve("metrics.csv"));
    for (String k : List.of(MetricNames.SCORES, MetricNames.KL, MetricNames.EVAL_SCORE,
        MetricNames.LOSS_POLICY)) {
      double[] w = want.column(k);
      double[] g = got.column(k);
      assertEquals(3, g.length, k);
      for (int i = 0; i < w.length; i++) {
        assertEquals(w[i], g[i], 1e-5 * Math.max(1, Math.abs(w[i])), k + " iteration " + i);
      }
    }
  }

  @Test
  void oneCheckpointStoreForAllRunsIsRefused() {
    Path s = dir.resolve("s");
    int rc = Tether.execute("sweep", "--dir", s.toString(), "--set",
        "run.checkpoint_dir=" + dir.resolve("store"), "--set", "learner.kl.init_coef=0.01,0.2");
    assertEquals(2, rc);
    assertFalse(Files.exists(s.resolve("learner.kl.init_coef=0.01")), "no run started");
  }

  @Test
  void keysReadByTheSetUpAreNotShared() {
    for (String k : List.of("learner.kl.init_coef", "reward.refresh_every", "run.iterations")) {
      assertTrue(io.tether.deploy.run.SharedSetup.keeps(k), k);
    }
    for (String k : List.of("run.seed", "sft.steps", "reward.train.steps", "model.preset",
        "rollout.temperature", "data.prompts")) {
      assertFalse(io.tether.deploy.run.SharedSetup.keeps(k), k);
    }
  }

  private static String[] args(List<String> command, List<String> sets, String last) {
    List<String> out = new ArrayList<>(command);
    for (String set : sets) {
      out.add("--set");
      out.add(set);
    }
    out.add("--set");
    out.add(last);
    return out.toArray(String[]::new);
  }

  /** Least-squares slope, written out here as the test's own reference. */
  private static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}

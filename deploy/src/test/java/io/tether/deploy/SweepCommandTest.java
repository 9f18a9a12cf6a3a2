package io.tether.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    List<String> args = new ArrayList<>(List.of("sweep", "--dir", dir.resolve("s").toString()));
    for (String set : List.of("data.prompts=" + data.resolve("prompts.jsonl"),
        "data.preferences=" + data.resolve("prefs.jsonl"), "model.preset=tiny", "model.tokenizer=byte",
        "rollout.temperature=1.0",
        "model.context_length=128", "sft.steps=20", "sft.warmup_steps=0", "sft.batch_size=8",
        "reward.train.steps=20", "reward.train.pairs=8", "rollout.prompts_per_iteration=8",
        "rollout.max_new_tokens=8", "run.iterations=3", "learner.ppo.epochs=1",
        "learner.ppo.minibatch_size=8", "eval.every=1", "eval.samples=16",
        "spark.master=local[1]", "spark.conf.spark.ui.enabled=false",
        "learner.kl.init_coef=0.01,0.2")) {
      args.add("--set");
      args.add(set);
    }
    assertEquals(0, Tether.execute(args.toArray(String[]::new)));
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

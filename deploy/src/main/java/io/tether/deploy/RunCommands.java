package io.tether.deploy;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import io.tether.deploy.run.Pipeline;
import io.tether.deploy.run.RunLayout;
import io.tether.deploy.run.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Shared by {@code quickstart}, {@code run} and {@code resume}. */
final class RunCommands {
  /**
   * Exit status of a run that stopped for people's labels (a reward-model refresh with {@code
   * reward.labeller: external}): not a failure, not finished either.
   */
  static final int AWAITING_LABELS = 3;

  private RunCommands() {}

  /** The bundled quickstart config with {@code overrides} applied. */
  static TetherConfig quickstart(List<String> overrides) {
    return bundled("quickstart.yaml", overrides);
  }

  /** The bundled config {@code name} ({@code quickstart.yaml}, {@code arithmetic.yaml}). */
  static TetherConfig bundled(String name, List<String> overrides) {
    try (InputStream in = RunCommands.class.getResourceAsStream(name)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ConfigLoader.parse(yaml, name + " (bundled)", overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code config} with {@code overrides}, or the bundled quickstart config when it is null. */
  static TetherConfig load(Path config, List<String> overrides) {
    return config == null ? quickstart(overrides) : ConfigLoader.load(config, overrides);
  }

  /**
   * The config saved in run directory {@code layout} with {@code overrides} applied; a clear
   * error when the directory holds none.
   */
  static TetherConfig saved(RunLayout layout, List<String> overrides) {
    if (!java.nio.file.Files.isRegularFile(layout.config())) {
      throw new IllegalArgumentException(layout.config() + ": not found; is " + layout.dir()
          + " a tether run directory?");
    }
    return ConfigLoader.load(layout.config(), overrides);
  }

  /** The run directory: {@code --run-dir}, else {@code run.dir}, else runs/name-timestamp. */
  static RunLayout layout(TetherConfig c, Path runDir) {
    if (runDir != null) {
      return new RunLayout(runDir);
    }
    if (!c.run().dir().isEmpty()) {
      return new RunLayout(Path.of(c.run().dir()));
    }
    return RunLayout.fresh(c.run().name(), Clock.systemDefaultZone());
  }

  /** Runs the pipeline and prints where things went and the headline figures. */
  static int execute(TetherConfig c, RunLayout layout, PrintStream out) {
    out.println("tether: run directory " + layout.dir().toAbsolutePath());
    Pipeline.Outcome o = Pipeline.run(c, layout, out);
    if (!o.awaitingLabels().isEmpty()) {
      return AWAITING_LABELS;
    }
    RunSummary s = o.summary();
    RunSummary.Last last = s.last() != null ? s.last()
        : new RunSummary.Last(-1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);
    boolean gold = s.fitGold() != null;
    out.printf(Locale.ROOT, "tether: done in %.0f s. Training rollouts: score %s -> %s%s,"
            + " KL %s%n", s.wallSeconds(), fmt(s.sft().score()), fmt(last.score()),
        gold ? ", gold " + fmt(s.sft().goldScore()) + " -> " + fmt(last.goldScore()) : "",
        fmt(last.kl()));
    if (Double.isFinite(last.evalScore())) {
      out.printf(Locale.ROOT, "tether: evaluation prompts: score %s -> %s%s%s, KL %s%n",
          fmt(s.sft().evalScore()), fmt(last.evalScore()), gold ? ", gold "
              + fmt(s.sft().evalGoldScore()) + " -> " + fmt(last.evalGoldScore()) : "",
          Double.isFinite(last.wordFraction()) ? ", corpus words " + fmt(s.sft().wordFraction())
              + " -> " + fmt(last.wordFraction()) : "", fmt(last.evalKl()));
    }
    String peak = s.overOptimization() == null ? ""
        : "; gold peaks at sqrt(KL) " + fmt(s.overOptimization().peakSqrtKl());
    out.printf(Locale.ROOT, "tether: fit (%s points) score = %s + %s * sqrt(KL), R^2 %s%s; %s%n",
        s.fitPoints(), fmt(s.fit().intercept()), fmt(s.fit().slope()), fmt(s.fit().r2()), peak,
        s.rewardModel() == null ? "scored by " + s.scorer()
            : "reward model held-out accuracy " + fmt(s.rewardModel().heldoutAccuracy())
                + (Double.isNaN(s.rewardModel().heldoutGoldAccuracy()) ? ""
                    : " (against gold " + fmt(s.rewardModel().heldoutGoldAccuracy()) + ")"));
    out.println("tether: metrics.csv, reward_vs_sqrt_kl.png/.svg, curves.png, summary.json,"
        + " samples.md in "
        + layout.dir());
    return 0;
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
  }
}

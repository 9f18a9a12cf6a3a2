package io.tether.deploy.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tether.core.config.ConfigLoader;
import io.tether.core.data.AtomicFiles;
import io.tether.core.json.Json;
import io.tether.core.metrics.MetricNames;
import io.tether.deploy.report.FitPoints;
import io.tether.deploy.report.GaoFit;
import io.tether.deploy.report.LinearFit;
import io.tether.deploy.report.MetricsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code summary.json}: the headline figures of a run, written by Jackson with snake_case keys
 * (NaN as null). {@code final} and the SFT policy's scores are null when no iteration has run;
 * every gold figure is null in a task without a gold reward (the user's files), and {@code
 * reward_model} is null when the run trained none (an existing or remote one scored).
 *
 * @param task the task line the run printed first
 * @param scorer the model that scored the rollouts
 * @param fitPoints which points the fits use: "evaluation" (the eval/* figures, when the run
 *     has two or more) or "training"
 * @param fit RM score against sqrt(KL) over those points
 * @param fitGold gold score against sqrt(KL); null without a gold reward
 * @param overOptimization Gao et al.'s fit of gold against d = sqrt(KL); null without gold
 * @param sft the SFT policy: iteration 0's scores and the SFT losses
 * @param last the last iteration (key {@code final})
 * @param wallSeconds this invocation's wall time (a resumed run counts from its resume)
 * @param config the resolved config as YAML, secrets redacted
 * @param refreshes the reward-model refreshes ({@code reward.refresh_every}), in order; empty
 *     with a static reward model
 */
public record RunSummary(String task, String scorer, String fitPoints, LinearFit fit,
    LinearFit fitGold, GaoFit overOptimization, Sft sft,
    @JsonProperty("final") Last last, RewardModelFigures rewardModel, Annotator annotator,
    double wallSeconds, Versions versions, String runDir, String config,
    List<Refresh> refreshes) {

  /**
   * One reward-model refresh: before {@code iteration}, version {@code rewardVersion} was made
   * from {@code pairs} new comparisons, {@code decidedPairs} of them not ties, {@code
   * heldoutPairs} of those held out; the old and the new model's accuracy on the held-out ones.
   */
  public record Refresh(long iteration, long rewardVersion, int pairs, int decidedPairs,
      int heldoutPairs, double heldoutAccuracyBefore, double heldoutAccuracyAfter) {}

  /**
   * The SFT policy's figures: RM and gold score of iteration 0's rollouts and evaluation samples,
   * the share of corpus words in those samples (default task), first and last SFT loss.
   */
  public record Sft(double score, double goldScore, double evalScore, double evalGoldScore,
      double wordFraction, double firstLoss, double lastLoss) {}

  /** The last iteration's figures, its evaluation's where it had one (else NaN). */
  public record Last(long iteration, double score, double goldScore, double evalScore,
      double evalGoldScore, double wordFraction, double kl, double evalKl, double klCoef) {}

  /** The reward model's held-out figures and the number of labelled pairs it was trained on. */
  public record RewardModelFigures(double heldoutAccuracy, double heldoutGoldAccuracy,
      int heldoutPairs, double heldoutMargin, int pairs) {}

  /** How often the simulated annotator's labels agree with the gold preference (null: none). */
  public record Annotator(double agreementWithGold) {}

  /** Versions of what ran. */
  public record Versions(String tether, String java, String spark, String djl, String pytorch) {

    static Versions of(String sparkVersion) {
      return new Versions(Objects.requireNonNullElse(
          RunSummary.class.getPackage().getImplementationVersion(), "development build"),
          System.getProperty("java.version"), sparkVersion, ai.djl.engine.Engine.getDjlVersion(),
          ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
    }
  }

  /** The summary of the run in {@code ctx}, written to its {@code summary.json}. */
  static RunSummary write(RunContext ctx, MetricsTable t, SetupResult setup, double wallSeconds) {
    RunSummary s = of(t, setup, wallSeconds, Versions.of(ctx.spark().version()),
        ctx.layout().dir().toAbsolutePath().toString(),
        ConfigLoader.toYaml(ctx.config().redacted()));
    AtomicFiles.writeString(ctx.layout().summary(), Json.write(s));
    return s;
  }

  /** The summary of metrics {@code t} and set-up figures {@code setup}. */
  static RunSummary of(MetricsTable t, SetupResult setup, double wallSeconds, Versions versions,
      String runDir, String config) {
    FitPoints points = FitPoints.of(t);
    List<Map<String, Double>> rows = t.rows();
    Map<String, Double> f = rows.isEmpty() ? Map.of() : rows.get(0);
    Sft sft = new Sft(get(f, MetricNames.SCORES), get(f, MetricNames.GOLD_SCORES),
        get(f, MetricNames.EVAL_SCORE), get(f, MetricNames.EVAL_GOLD_SCORE),
        get(f, MetricNames.EVAL_WORD_FRACTION), setup.sftFirstLoss(), setup.sftLastLoss());
    Last last = null;
    if (!rows.isEmpty()) {
      Map<String, Double> l = rows.get(rows.size() - 1);
      last = new Last((long) get(l, MetricNames.ITERATION), get(l, MetricNames.SCORES),
          get(l, MetricNames.GOLD_SCORES), get(l, MetricNames.EVAL_SCORE),
          get(l, MetricNames.EVAL_GOLD_SCORE), get(l, MetricNames.EVAL_WORD_FRACTION),
          get(l, MetricNames.KL), get(l, MetricNames.EVAL_KL), get(l, MetricNames.KL_COEF));
    }
    RewardModelFigures rm = setup.pairs() == 0 ? null
        : new RewardModelFigures(setup.rmHeldoutAccuracy(), setup.rmHeldoutGoldAccuracy(),
            setup.rmHeldoutPairs(), setup.rmHeldoutMargin(), setup.pairs());
    Annotator annotator = Double.isNaN(setup.annotatorAgreement()) ? null
        : new Annotator(setup.annotatorAgreement());
    return new RunSummary(setup.task(), setup.scorer(), points.kind(), points.scoreFit(),
        points.goldFit(), points.gaoFit(), sft, last, rm, annotator, wallSeconds, versions, runDir,
        config, refreshes(rows));
  }

  private static List<Refresh> refreshes(List<Map<String, Double>> rows) {
    List<Refresh> out = new java.util.ArrayList<>();
    for (Map<String, Double> r : rows) {
      if (r.containsKey(MetricNames.REFRESH_PAIRS)) {
        out.add(new Refresh((long) get(r, MetricNames.ITERATION),
            (long) get(r, MetricNames.REWARD_VERSION), (int) get(r, MetricNames.REFRESH_PAIRS),
            (int) get(r, MetricNames.REFRESH_DECIDED), (int) get(r, MetricNames.REFRESH_HELDOUT),
            get(r, MetricNames.REFRESH_ACCURACY_BEFORE),
            get(r, MetricNames.REFRESH_ACCURACY_AFTER)));
      }
    }
    return out;
  }

  /** Reads a run's {@code summary.json}. */
  public static RunSummary read(Path file) {
    try {
      return Json.read(Files.readString(file), RunSummary.class, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static double get(Map<String, Double> row, String name) {
    Double v = row.get(name);
    return v == null ? Double.NaN : v;
  }
}

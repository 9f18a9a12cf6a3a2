package io.tether.deploy.report;

import io.tether.core.metrics.MetricNames;
import java.util.Arrays;

/**
 * The points the reward-against-sqrt(KL) plot and the summary fit: the evaluation points ({@code
 * eval/*}: samples on prompts never trained on) when the run has at least two, else the training
 * rollouts' points.
 *
 * @param evaluation whether these are evaluation points
 * @param sqrtKl d = sqrt(KL) per point (NaN where the iteration has none)
 * @param score RM score per point
 * @param gold gold score per point (all NaN in a task without a gold reward)
 */
public record FitPoints(boolean evaluation, double[] sqrtKl, double[] score, double[] gold) {

  /** The points of {@code t}. */
  public static FitPoints of(MetricsTable t) {
    double[] evalD = t.column(MetricNames.EVAL_SQRT_KL);
    if (Arrays.stream(evalD).filter(Double::isFinite).count() >= 2) {
      return new FitPoints(true, evalD, t.column(MetricNames.EVAL_SCORE),
          t.column(MetricNames.EVAL_GOLD_SCORE));
    }
    return new FitPoints(false, t.column(MetricNames.SQRT_KL), t.column(MetricNames.SCORES),
        t.column(MetricNames.GOLD_SCORES));
  }

  /** Whether any point has a gold score. */
  public boolean hasGold() {
    return Arrays.stream(gold).anyMatch(Double::isFinite);
  }

  public LinearFit scoreFit() {
    return LinearFit.of(sqrtKl, score);
  }

  /** Gold against d; null without gold. */
  public LinearFit goldFit() {
    return hasGold() ? LinearFit.of(sqrtKl, gold) : null;
  }

  /**
   * Gao et al.'s form of gold against d, above the first point's gold (iteration 0: the policy
   * still the reference); null without gold.
   */
  public GaoFit gaoFit() {
    if (!hasGold()) {
      return null;
    }
    double y0 = Arrays.stream(gold).filter(Double::isFinite).findFirst().orElseThrow();
    return GaoFit.of(sqrtKl, gold, y0);
  }

  /** The reference level the Gao fit is measured from (NaN without gold). */
  public double goldLevel() {
    return Arrays.stream(gold).filter(Double::isFinite).findFirst().orElse(Double.NaN);
  }

  /** "evaluation" or "training". */
  public String kind() {
    return evaluation ? "evaluation" : "training";
  }
}

package io.tether.deploy.run;

import io.tether.core.config.ConfigLoader;
import io.tether.core.metrics.MetricNames;
import io.tether.deploy.report.LinearFit;
import io.tether.deploy.report.MetricsTable;
import io.tether.deploy.report.Plots;
import io.tether.deploy.report.Summaries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds and writes {@code summary.json}. */
final class RunSummary {
  private RunSummary() {}

  static Map<String, Object> of(RunContext ctx, MetricsTable t, SetupResult setup,
      double wallSeconds) {
    Map<String, Object> s = new LinkedHashMap<>();
    LinearFit fit = Plots.scoreFit(t);
    s.put("fit.slope", fit.slope());
    s.put("fit.intercept", fit.intercept());
    s.put("fit.r2", fit.r2());
    s.put("fit.n", fit.n());
    LinearFit gold = LinearFit.of(t.column(MetricNames.SQRT_KL), t.column(MetricNames.GOLD_SCORES));
    s.put("fit_gold.slope", gold.slope());
    s.put("fit_gold.intercept", gold.intercept());
    s.put("fit_gold.r2", gold.r2());
    List<Map<String, Double>> rows = t.rows();
    if (!rows.isEmpty()) {
      Map<String, Double> first = rows.get(0);
      Map<String, Double> last = rows.get(rows.size() - 1);
      s.put("sft.score", first.get(MetricNames.SCORES));
      s.put("sft.gold_score", first.get(MetricNames.GOLD_SCORES));
      s.put("final.iteration", last.get(MetricNames.ITERATION));
      s.put("final.score", last.get(MetricNames.SCORES));
      s.put("final.gold_score", last.get(MetricNames.GOLD_SCORES));
      s.put("final.kl", last.get(MetricNames.KL));
      s.put("final.kl_coef", last.get(MetricNames.KL_COEF));
    }
    s.put("reward_model.heldout_accuracy", setup.rmHeldoutAccuracy());
    s.put("reward_model.heldout_margin", setup.rmHeldoutMargin());
    s.put("reward_model.pairs", setup.pairs());
    s.put("annotator.agreement_with_gold", setup.annotatorAgreement());
    s.put("sft.first_loss", setup.sftFirstLoss());
    s.put("sft.last_loss", setup.sftLastLoss());
    s.put("wall_seconds", wallSeconds);
    s.put("versions.tether", java.util.Objects.requireNonNullElse(
        RunSummary.class.getPackage().getImplementationVersion(), "development build"));
    s.put("versions.java", System.getProperty("java.version"));
    s.put("versions.spark", ctx.spark().version());
    s.put("versions.djl", ai.djl.engine.Engine.getDjlVersion());
    s.put("versions.pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
    s.put("run_dir", ctx.layout().dir().toAbsolutePath().toString());
    s.put("config", ConfigLoader.toYaml(ctx.config().redacted()));
    Summaries.write(s, ctx.layout().summary());
    return s;
  }
}

package io.tether.deploy.report;

import io.tether.core.metrics.MetricNames;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's runs side by side: {@code sweep_reward_vs_sqrt_kl.png/.svg} and (with a gold reward)
 * {@code sweep_gold_vs_sqrt_kl.png/.svg}, one colour per run, each run's points (evaluation
 * points where it has them) and least-squares line; {@code sweep.md} and {@code sweep.csv} with
 * each run's fits and final evaluation figures.
 */
public final class SweepReport {
  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(230, 140, 20),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
      new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
  private static final int W = 1000;
  private static final int H = 700;

  /** One run of the sweep: its label ({@code key=value}) and metrics. */
  public record Run(String label, MetricsTable metrics) {}

  private SweepReport() {}

  /** Writes the figures and tables into {@code dir}. */
  public static void write(List<Run> runs, Path dir) {
    boolean gold = runs.stream().anyMatch(r -> FitPoints.of(r.metrics()).hasGold());
    figure(runs, dir, "sweep_reward_vs_sqrt_kl", false);
    if (gold) {
      figure(runs, dir, "sweep_gold_vs_sqrt_kl", true);
    }
    Plots.writeText(csv(runs), dir.resolve("sweep.csv"));
    Plots.writeText(markdown(runs), dir.resolve("sweep.md"));
  }

  private static void figure(List<Run> runs, Path dir, String name, boolean gold) {
    PngCanvas png = new PngCanvas(W, H);
    draw(png, runs, gold);
    Plots.writePng(png, dir.resolve(name + ".png"));
    SvgCanvas svg = new SvgCanvas(W, H);
    draw(svg, runs, gold);
    Plots.writeText(svg.document(), dir.resolve(name + ".svg"));
  }

  static void draw(Canvas c, List<Run> runs, boolean gold) {
    double[] xs = new double[0];
    double[] ys = new double[0];
    for (Run r : runs) {
      FitPoints p = FitPoints.of(r.metrics());
      xs = Plots.concat(xs, p.sqrtKl());
      ys = Plots.concat(ys, gold ? p.gold() : p.score());
    }
    Panel panel = new Panel(c, 90, 60, W - 130, H - 140, xs, ys);
    panel.axes((gold ? "Gold" : "RM") + " score against sqrt(KL), one colour per run",
        "sqrt(KL(pi || pi_ref))  [sqrt(nats per sequence)]", gold ? "gold score" : "RM score");
    for (int i = 0; i < runs.size(); i++) {
      FitPoints p = FitPoints.of(runs.get(i).metrics());
      Plots.series(c, panel, p.sqrtKl(), gold ? p.gold() : p.score(),
          PALETTE[i % PALETTE.length], runs.get(i).label() + " (" + p.kind() + ")", i);
    }
  }

  /** One row per run: label, final evaluation figures, fits. */
  static String csv(List<Run> runs) {
    StringBuilder s = new StringBuilder("run,points,final_eval_score,final_eval_gold,final_kl,"
        + "score_slope,score_intercept,score_r2,gold_slope,gold_intercept,gold_r2,gao_alpha,"
        + "gao_beta,gold_peak_sqrt_kl\n");
    for (Run r : runs) {
      s.append(String.join(",", cells(r))).append('\n');
    }
    return s.toString();
  }

  static String markdown(List<Run> runs) {
    StringBuilder s = new StringBuilder("| run | points | final eval score | final eval gold |"
        + " final KL | score fit (R^2) | gold fit (R^2) | Gao alpha | Gao beta | gold peak d |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Run r : runs) {
      List<String> c = cells(r);
      s.append("| ").append(String.join(" | ", c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
          c.get(6) + " + " + c.get(5) + " d (" + c.get(7) + ")", c.get(9) + " + " + c.get(8)
              + " d (" + c.get(10) + ")", c.get(11), c.get(12), c.get(13))).append(" |\n");
    }
    return s.toString();
  }

  private static List<String> cells(Run r) {
    FitPoints p = FitPoints.of(r.metrics());
    LinearFit score = p.scoreFit();
    LinearFit gold = p.goldFit();
    GaoFit gao = p.gaoFit();
    var rows = r.metrics().rows();
    var last = rows.isEmpty() ? java.util.Map.<String, Double>of() : rows.get(rows.size() - 1);
    return List.of(r.label(), p.kind(), f(last.get(MetricNames.EVAL_SCORE)),
        f(last.get(MetricNames.EVAL_GOLD_SCORE)), f(last.get(MetricNames.KL)), f(score.slope()),
        f(score.intercept()), f(score.r2()), f(gold == null ? null : gold.slope()),
        f(gold == null ? null : gold.intercept()), f(gold == null ? null : gold.r2()),
        f(gao == null ? null : gao.alpha()), f(gao == null ? null : gao.beta()),
        f(gao == null ? null : gao.peakSqrtKl()));
  }

  private static String f(Double v) {
    return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }
}

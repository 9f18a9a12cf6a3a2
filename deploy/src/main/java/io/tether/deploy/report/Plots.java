package io.tether.deploy.report;

import io.tether.core.data.AtomicFiles;
import io.tether.core.metrics.MetricNames;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The researcher plots of a run: reward against sqrt(KL) with least-squares lines (PNG and SVG),
 * and reward, gold, KL and beta against iteration (PNG). Each file is written atomically.
 */
public final class Plots {
  static final Color SCORE = new Color(31, 119, 180);
  static final Color GOLD = new Color(230, 140, 20);
  static final Color REFRESH = new Color(150, 60, 170);
  private static final int W = 1000;
  private static final int H = 700;

  private Plots() {}

  /** The fit of RM score on sqrt(KL), as drawn (evaluation points when there are). */
  public static LinearFit scoreFit(MetricsTable t) {
    return FitPoints.of(t).scoreFit();
  }

  /** Writes {@code reward_vs_sqrt_kl.png}, {@code .svg} and {@code curves.png} into {@code dir}. */
  public static void writeAll(MetricsTable t, Path dir) {
    PngCanvas png = new PngCanvas(W, H);
    rewardVsSqrtKl(png, t);
    writePng(png, dir.resolve("reward_vs_sqrt_kl.png"));
    SvgCanvas svg = new SvgCanvas(W, H);
    rewardVsSqrtKl(svg, t);
    writeText(svg.document(), dir.resolve("reward_vs_sqrt_kl.svg"));
    PngCanvas curves = new PngCanvas(W, H);
    curves(curves, t);
    writePng(curves, dir.resolve("curves.png"));
  }

  static void rewardVsSqrtKl(Canvas c, MetricsTable t) {
    FitPoints fp = FitPoints.of(t);
    double[] trainX = t.column(MetricNames.SQRT_KL);
    double[] trainScore = t.column(MetricNames.SCORES);
    double[] trainGold = t.column(MetricNames.GOLD_SCORES);
    boolean gold = fp.hasGold();
    double[] xs = concat(fp.sqrtKl(), trainX);
    double[] ys = concat(concat(fp.score(), trainScore), gold ? concat(fp.gold(), trainGold)
        : new double[0]);
    Panel p = new Panel(c, 90, 60, W - 130, H - 140, xs, ys);
    p.axes("Reward against sqrt(KL) per iteration (" + fp.kind() + " points"
            + (fp.evaluation() ? "; training points faint)" : ")"),
        "sqrt(KL(pi || pi_ref))  [sqrt(nats per sequence)]", "reward");
    if (fp.evaluation()) {
      p.points(trainX, trainScore, faint(SCORE));
      if (gold) {
        p.points(trainX, trainGold, faint(GOLD));
      }
    }
    series(c, p, fp.sqrtKl(), fp.score(), SCORE, "RM score", 0);
    if (gold) {
      series(c, p, fp.sqrtKl(), fp.gold(), GOLD, "gold score", 1);
      gao(c, p, fp);
    }
  }

  /** Gao et al.'s fitted gold curve, and its peak marked when it lies in the plotted range. */
  private static void gao(Canvas c, Panel p, FitPoints fp) {
    GaoFit g = fp.gaoFit();
    if (!g.valid()) {
      return;
    }
    double lo = Math.max(p.xMin(), 1e-6);
    double prevX = Double.NaN;
    double prevY = Double.NaN;
    for (int i = 0; i <= 60; i++) {
      double d = lo + (p.xMax() - lo) * i / 60.0;
      double y = fp.goldLevel() + g.at(d);
      if (i > 0 && inside(p, prevY) && inside(p, y)) {
        c.line(p.px(prevX), p.py(prevY), p.px(d), p.py(y), GOLD, 1f);
      }
      prevX = d;
      prevY = y;
    }
    String legend = String.format(Locale.ROOT, "gold = %.3f + d (%.3f - %.3f ln d) (Gao et al.)",
        fp.goldLevel(), g.alpha(), g.beta());
    if (Double.isFinite(g.peakSqrtKl()) && g.peakSqrtKl() <= p.xMax()) {
      double x = p.px(g.peakSqrtKl());
      c.line(x, p.py(p.yMin()), x, p.py(p.yMax()), GOLD, 1f);
      legend += String.format(Locale.ROOT, "; gold peak at sqrt(KL) = %.2f", g.peakSqrtKl());
    }
    c.text(122, 128, legend, Color.BLACK, 13, -1);
  }

  private static boolean inside(Panel p, double y) {
    return y >= p.yMin() && y <= p.yMax();
  }

  private static Color faint(Color c) {
    return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3,
        (c.getBlue() + 2 * 255) / 3);
  }

  static void series(Canvas c, Panel p, double[] x, double[] y, Color color, String name,
      int row) {
    p.points(x, y, color);
    LinearFit f = LinearFit.of(x, y);
    String legend = name + " (" + f.n() + " points)";
    if (f.valid()) {
      c.line(p.px(p.xMin()), p.py(f.intercept() + f.slope() * p.xMin()), p.px(p.xMax()),
          p.py(f.intercept() + f.slope() * p.xMax()), color, 2f);
      legend = String.format(Locale.ROOT, "%s = %.3f + %.3f * sqrt(KL), R^2 = %.3f", name,
          f.intercept(), f.slope(), f.r2());
    }
    double ly = 88 + 20 * row;
    c.dot(110, ly - 4, 4, color);
    c.text(122, ly, legend, Color.BLACK, 13, -1);
  }

  static void curves(Canvas c, MetricsTable t) {
    double[] it = t.column(MetricNames.ITERATION);
    String[][] panels = {
      {MetricNames.SCORES, MetricNames.GOLD_SCORES, "reward (blue: RM, orange: gold)"},
      {MetricNames.KL, null, "KL per sequence [nats]"},
      {MetricNames.KL_COEF, null, "beta (KL coefficient)"},
      {MetricNames.RLHF_REWARD, null, "RM score - beta * KL"}};
    for (int i = 0; i < 4; i++) {
      double left = 80 + (i % 2) * (W / 2.0);
      double top = 50 + (i / 2) * (H / 2.0);
      double[] a = t.column(panels[i][0]);
      double[] b = panels[i][1] == null ? new double[0] : t.column(panels[i][1]);
      boolean gold = Arrays.stream(b).anyMatch(Double::isFinite);
      b = gold ? b : new double[0];
      Panel p = new Panel(c, left, top, W / 2.0 - 120, H / 2.0 - 110, it, concat(a, b));
      p.axes(panels[i][1] == null || gold ? panels[i][2] : "reward (RM score)", "iteration",
          panels[i][0]);
      refreshes(p, t);
      p.polyline(it, a, SCORE);
      p.points(it, a, SCORE);
      if (b.length > 0) {
        p.polyline(it, b, GOLD);
        p.points(it, b, GOLD);
      }
    }
  }

  /** A marker at each iteration whose reward-model version is new (reward.refresh_every). */
  private static void refreshes(Panel p, MetricsTable t) {
    double[] it = t.column(MetricNames.ITERATION);
    double[] v = t.column(MetricNames.REWARD_VERSION);
    for (int i = 1; i < v.length; i++) {
      if (Double.isFinite(v[i]) && Double.isFinite(v[i - 1]) && v[i] != v[i - 1]) {
        p.marker(it[i], REFRESH, "RM v" + (long) v[i]);
      }
    }
  }

  static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static void writePng(PngCanvas png, Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      ImageIO.write(png.image, "png", tmp.toFile());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a text file atomically (temporary file, then rename), creating its directory. */
  public static void writeText(String text, Path file) {
    AtomicFiles.writeString(file, text);
  }
}

package io.tether.deploy.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One set of axes in a rectangle of a canvas, with data ranges padded to nice tick values. */
final class Panel {
  static final Color AXIS = new Color(60, 60, 60);
  static final Color GRID = new Color(225, 225, 225);

  private final Canvas c;
  private final double left;
  private final double top;
  private final double width;
  private final double height;
  private final double[] xr;
  private final double[] yr;

  Panel(Canvas c, double left, double top, double width, double height, double[] xs,
      double[] ys) {
    this.c = c;
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    this.xr = range(xs);
    this.yr = range(ys);
  }

  /** [min, max] of the finite values, widened when flat or empty. */
  static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    if (hi - lo < 1e-12) {
      return new double[] {lo - 0.5, hi + 0.5};
    }
    double pad = (hi - lo) * 0.05;
    return new double[] {lo - pad, hi + pad};
  }

  double px(double x) {
    return left + (x - xr[0]) / (xr[1] - xr[0]) * width;
  }

  double py(double y) {
    return top + height - (y - yr[0]) / (yr[1] - yr[0]) * height;
  }

  /** A vertical line across the panel at data x {@code x}, labelled at its top. */
  void marker(double x, Color color, String label) {
    double X = px(x);
    c.line(X, top, X, top + height, color, 1.2f);
    c.text(X + 3, top + 12, label, color, 11, -1);
  }

  double xMin() {
    return xr[0];
  }

  double xMax() {
    return xr[1];
  }

  double yMin() {
    return yr[0];
  }

  double yMax() {
    return yr[1];
  }

  void axes(String title, String xLabel, String yLabel) {
    for (double t : ticks(yr[0], yr[1])) {
      c.line(left, py(t), left + width, py(t), GRID, 1f);
      c.text(left - 6, py(t) + 4, label(t), AXIS, 11, 1);
    }
    for (double t : ticks(xr[0], xr[1])) {
      c.line(px(t), top + height, px(t), top + height + 4, AXIS, 1f);
      c.text(px(t), top + height + 17, label(t), AXIS, 11, 0);
    }
    c.line(left, top + height, left + width, top + height, AXIS, 1.2f);
    c.line(left, top, left, top + height, AXIS, 1.2f);
    c.text(left + width / 2, top - 8, title, Color.BLACK, 14, 0);
    c.text(left + width / 2, top + height + 36, xLabel, AXIS, 12, 0);
    c.verticalText(left - 48, top + height / 2, yLabel, AXIS, 12);
  }

  void points(double[] x, double[] y, Color color) {
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        c.dot(px(x[i]), py(y[i]), 3.5, color);
      }
    }
  }

  void polyline(double[] x, double[] y, Color color) {
    for (int i = 1; i < x.length; i++) {
      if (Double.isFinite(y[i - 1]) && Double.isFinite(y[i])) {
        c.line(px(x[i - 1]), py(y[i - 1]), px(x[i]), py(y[i]), color, 2f);
      }
    }
  }

  /** About five round tick values in [lo, hi]. */
  static List<Double> ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3.5 ? 2 : raw / mag < 7.5 ? 5 : 10);
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
      out.add(Math.abs(t) < 1e-12 * step ? 0.0 : t);
    }
    return out;
  }

  static String label(double t) {
    if (t == Math.rint(t) && Math.abs(t) < 1e6) {
      return Long.toString((long) t);
    }
    return Math.abs(t) >= 1000 || (Math.abs(t) < 0.01 && t != 0)
        ? String.format(Locale.ROOT, "%.2g", t) : String.format(Locale.ROOT, "%.3g", t);
  }
}

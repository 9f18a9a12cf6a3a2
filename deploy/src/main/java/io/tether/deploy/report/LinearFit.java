package io.tether.deploy.report;

/**
 * Least squares {@code y = intercept + slope * x} over the points where both are finite.
 * Fewer than two points, or no spread in x, give NaN slope, intercept and R^2.
 */
public record LinearFit(double slope, double intercept, double r2, int n) {

  public static LinearFit of(double[] x, double[] y) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
      }
    }
    if (n < 2) {
      return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
        syy += (y[i] - my) * (y[i] - my);
      }
    }
    if (sxx == 0) {
      return new LinearFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
    return new LinearFit(slope, my - slope * mx, r2, n);
  }

  public boolean valid() {
    return Double.isFinite(slope);
  }
}

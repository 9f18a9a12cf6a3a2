package io.tether.deploy.report;

/**
 * Gao et al. (2022)'s form of gold reward against d = sqrt(KL) for RL, {@code R(d) = d (alpha -
 * beta ln d)}, fitted by least squares (no intercept: R(0) = 0 is the reference policy's
 * reward, measured from the SFT policy's level) over the points with finite values and d > 0. With
 * beta > 0 the curve rises, peaks at {@code d* = exp(alpha / beta - 1)} where {@code R(d*) = beta
 * d*}, and falls: past d*, optimising the proxy reward lowers the gold reward.
 *
 * @param alpha the fitted alpha (NaN with fewer than two usable points or collinear features)
 * @param beta the fitted beta
 * @param peakSqrtKl d*, NaN unless beta > 0
 * @param peakGold R(d*) above the reference level, NaN unless beta > 0
 * @param n points used
 */
public record GaoFit(double alpha, double beta, double peakSqrtKl, double peakGold, int n) {

  /** Fits {@code y - y0 = d (alpha - beta ln d)}, with {@code y0} subtracted from every y. */
  public static GaoFit of(double[] d, double[] y, double y0) {
    double s11 = 0;
    double s12 = 0;
    double s22 = 0;
    double s1y = 0;
    double s2y = 0;
    int n = 0;
    for (int i = 0; i < d.length; i++) {
      if (!(Double.isFinite(d[i]) && d[i] > 0 && Double.isFinite(y[i]))) {
        continue;
      }
      double f1 = d[i];
      double f2 = -d[i] * Math.log(d[i]);
      double r = y[i] - y0;
      s11 += f1 * f1;
      s12 += f1 * f2;
      s22 += f2 * f2;
      s1y += f1 * r;
      s2y += f2 * r;
      n++;
    }
    double det = s11 * s22 - s12 * s12;
    if (n < 2 || Math.abs(det) <= 1e-12 * s11 * s22) {
      return new GaoFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
    }
    double alpha = (s22 * s1y - s12 * s2y) / det;
    double beta = (s11 * s2y - s12 * s1y) / det;
    double peak = beta > 0 ? Math.exp(alpha / beta - 1) : Double.NaN;
    return new GaoFit(alpha, beta, peak, beta > 0 ? beta * peak : Double.NaN, n);
  }

  /** R(d) above the reference level. */
  public double at(double d) {
    return d <= 0 ? 0 : d * (alpha - beta * Math.log(d));
  }

  public boolean valid() {
    return Double.isFinite(alpha) && Double.isFinite(beta);
  }
}

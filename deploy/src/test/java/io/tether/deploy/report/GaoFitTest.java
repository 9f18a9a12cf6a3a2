package io.tether.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gao et al.'s RL form against points on known curves; the peak against a grid search. */
class GaoFitTest {
  @Test
  void pointsOnAKnownCurveGiveItsParametersAndThePeakAGridSearchFinds() {
    double alpha = 1.5;
    double beta = 0.8;
    double y0 = 0.25;
    double[] d = {0.3, 0.7, 1.1, 1.6, 2.2, 3.0, 4.1, 5.0};
    double[] y = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      y[i] = y0 + d[i] * (alpha - beta * Math.log(d[i]));
    }
    GaoFit f = GaoFit.of(d, y, y0);
    assertEquals(alpha, f.alpha(), 1e-9);
    assertEquals(beta, f.beta(), 1e-9);
    assertEquals(8, f.n());
    double bestD = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (double x = 0.001; x < 10; x += 0.0001) {
      double r = x * (alpha - beta * Math.log(x));
      if (r > best) {
        best = r;
        bestD = x;
      }
    }
    assertEquals(bestD, f.peakSqrtKl(), 1e-3);
    assertEquals(best, f.peakGold(), 1e-6);
  }

  @Test
  void noisyPointsRecoverTheCurveAndARisingCurveHasNoPeak() {
    Random rnd = new Random(11);
    int n = 4000;
    double[] d = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 0.05 + 6 * rnd.nextDouble();
      y[i] = d[i] * (0.9 - 0.3 * Math.log(d[i])) + 0.05 * rnd.nextGaussian();
    }
    GaoFit f = GaoFit.of(d, y, 0);
    assertEquals(0.9, f.alpha(), 0.01);
    assertEquals(0.3, f.beta(), 0.01);
    double[] rising = {0.5, 1, 2, 3};
    double[] up = {0.5 * 1.2 + 0.1 * 0.5 * Math.log(0.5), 1.2, 2 * (1.2 + 0.1 * Math.log(2)),
        3 * (1.2 + 0.1 * Math.log(3))};
    GaoFit g = GaoFit.of(rising, up, 0);
    assertEquals(-0.1, g.beta(), 1e-9);
    assertTrue(Double.isNaN(g.peakSqrtKl()), "beta <= 0: no over-optimisation peak");
    assertFalse(GaoFit.of(new double[] {1, Double.NaN, 0}, new double[] {1, 2, 3}, 0).valid(),
        "one usable point (d > 0, finite) cannot fit two parameters");
  }
}

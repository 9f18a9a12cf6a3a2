package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.config.KlEstimator;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.Scalars;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-token estimators, averaged over tokens sampled from pi, against KL(pi || pi_ref)
 * summed exactly over small categorical distributions. The reverse divergence KL(pi_ref || pi)
 * is far from the forward one for the pairs used, so an estimator with pi and pi_ref swapped
 * fails.
 */
class KlEstimatorMonteCarloTest {
  private static final int N = 200_000;
  private static final int COLUMNS = 1000;
  private NDManager m;
  private PpoConstants c;

  @BeforeEach
  void open() {
    m = DjlRuntime.engine().newBaseManager();
    c = PpoConstants.of(m, DataType.FLOAT64, 0.2, 0.2);
  }

  @AfterEach
  void close() {
    m.close();
  }

  /** sum_x p(x) log(p(x) / q(x)). */
  private static double exactKl(double[] p, double[] q) {
    double kl = 0;
    for (int i = 0; i < p.length; i++) {
      kl += p[i] * Math.log(p[i] / q[i]);
    }
    return kl;
  }

  /** The estimator's values on N tokens drawn from pi. */
  private double[] estimates(double[] pi, double[] ref, KlEstimator k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] logp = new double[N];
    double[] logRef = new double[N];
    for (int n = 0; n < N; n++) {
      double u = r.nextDouble();
      int x = 0;
      while (x < pi.length - 1 && (u -= pi[x]) >= 0) {
        x++;
      }
      logp[n] = Math.log(pi[x]);
      logRef[n] = Math.log(ref[x]);
    }
    Shape shape = new Shape(N / COLUMNS, COLUMNS);
    NDArray mask = m.ones(shape, DataType.FLOAT64);
    return PpoMath.kl(Scalars.owned(m.create(logp, shape)), Scalars.owned(m.create(logRef, shape)),
        mask, k, c).toDoubleArray();
  }

  private record Moments(double mean, double standardError) {
    static Moments of(double[] x) {
      double mean = 0;
      for (double v : x) {
        mean += v / x.length;
      }
      double var = 0;
      for (double v : x) {
        var += (v - mean) * (v - mean) / (x.length - 1);
      }
      return new Moments(mean, Math.sqrt(var / x.length));
    }
  }

  /** (pi, pi_ref) pairs; KL forward / reverse: 0.82 / 0.37, 0.90 / 0.80, 1.02 / 1.12. */
  private static final double[][][] PAIRS = {
      {{0.3, 0.3, 0.3, 0.05, 0.05}, {0.6, 0.01, 0.3, 0.05, 0.04}},
      {{0.25, 0.25, 0.25, 0.25}, {0.85, 0.05, 0.05, 0.05}},
      {{0.05, 0.05, 0.1, 0.2, 0.6}, {0.4, 0.3, 0.1, 0.1, 0.1}},
  };

  @Test
  void k1AndK3AreUnbiasedForKlOfPiFromTheReference() {
    long seed = 1;
    for (double[][] pair : PAIRS) {
      double forward = exactKl(pair[0], pair[1]);
      double reverse = exactKl(pair[1], pair[0]);
      for (KlEstimator k : new KlEstimator[] {KlEstimator.K1, KlEstimator.K3}) {
        Moments e = Moments.of(estimates(pair[0], pair[1], k, seed++));
        String what = k + " on " + java.util.Arrays.deepToString(pair) + ": KL(pi||ref) "
            + forward + ", KL(ref||pi) " + reverse + ", estimate " + e;
        assertEquals(forward, e.mean(), 4 * e.standardError(), what);
        assertTrue(Math.abs(reverse - e.mean()) > 10 * e.standardError(),
            "the pair must tell the directions apart: " + what);
      }
    }
  }

  @Test
  void k3IsNonNegativePerTokenAndK1IsNot() {
    double[] k1 = estimates(PAIRS[0][0], PAIRS[0][1], KlEstimator.K1, 7);
    double[] k3 = estimates(PAIRS[0][0], PAIRS[0][1], KlEstimator.K3, 7);
    double minK1 = Double.MAX_VALUE;
    for (int i = 0; i < N; i++) {
      assertTrue(k3[i] >= 0, "k3 token " + i + " is " + k3[i]);
      minK1 = Math.min(minK1, k1[i]);
    }
    assertTrue(minK1 < 0, "k1 goes negative where pi(x) < pi_ref(x)");
  }

  @Test
  void k2IsCloseToKlForNearbyDistributionsAndBiasedForFarOnes() {
    double[] pi = {0.3, 0.25, 0.2, 0.15, 0.1};
    double[] near = {0.28, 0.26, 0.21, 0.15, 0.10};
    double kl = exactKl(pi, near);
    Moments k2 = Moments.of(estimates(pi, near, KlEstimator.K2, 11));
    // second-order agreement: the bias is third order in the log-ratio
    assertEquals(kl, k2.mean(), 0.05 * kl + 4 * k2.standardError(), "k2 " + k2 + " KL " + kl);
    double far = exactKl(PAIRS[0][0], PAIRS[0][1]);
    Moments k2far = Moments.of(estimates(PAIRS[0][0], PAIRS[0][1], KlEstimator.K2, 12));
    assertTrue(Math.abs(k2far.mean() - far) > 10 * k2far.standardError(),
        "k2 is biased when the distributions are far apart: " + k2far + " vs " + far);
  }
}

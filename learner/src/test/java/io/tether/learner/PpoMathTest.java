package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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

class PpoMathTest {
  private static final DataType F64 = DataType.FLOAT64;
  private NDManager m;
  private PpoConstants c;

  @BeforeEach
  void open() {
    m = DjlRuntime.engine().newBaseManager();
    c = PpoConstants.of(m, F64, 0.2, 0.5);
  }

  @AfterEach
  void close() {
    m.close();
  }

  private NDArray arr(double[][] rows) {
    return Scalars.owned(m.create(rows));
  }

  private NDArray scalar(double v) {
    return Scalars.of(m, v, F64);
  }

  /** The plain loop, written out as in the papers, per row, over real tokens only. */
  private static double[][] gaeReference(double[][] r, double[][] v, int[] len, double g, double l) {
    double[][] adv = new double[r.length][r[0].length];
    for (int b = 0; b < r.length; b++) {
      double next = 0;
      double nextValue = 0;
      for (int t = len[b] - 1; t >= 0; t--) {
        double delta = r[b][t] + g * nextValue - v[b][t];
        next = delta + g * l * next;
        adv[b][t] = next;
        nextValue = v[b][t];
      }
    }
    return adv;
  }

  private static double[][] random(SplittableRandom rnd, int b, int a) {
    double[][] x = new double[b][a];
    for (double[] row : x) {
      for (int i = 0; i < a; i++) {
        row[i] = rnd.nextDouble(-2, 2);
      }
    }
    return x;
  }

  private static double[][] mask(int[] len, int a) {
    double[][] mk = new double[len.length][a];
    for (int b = 0; b < len.length; b++) {
      for (int t = 0; t < len[b]; t++) {
        mk[b][t] = 1;
      }
    }
    return mk;
  }

  @Test
  void gaeMatchesThePlainLoopOnRandomData() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 5; trial++) {
      int b = 6;
      int a = 9;
      int[] len = new int[b];
      for (int i = 0; i < b; i++) {
        len[i] = rnd.nextInt(a + 1);
      }
      double[][] r = random(rnd, b, a);
      double[][] v = random(rnd, b, a);
      double gamma = trial == 0 ? 1.0 : rnd.nextDouble(0.8, 1.0);
      double lambda = rnd.nextDouble(0.5, 1.0);
      NDList out = PpoMath.gae(arr(r), arr(v), arr(mask(len, a)), scalar(gamma), scalar(lambda));
      double[][] expected = gaeReference(r, v, len, gamma, lambda);
      double[] got = out.get(0).toDoubleArray();
      double[] returns = out.get(1).toDoubleArray();
      for (int i = 0; i < b; i++) {
        for (int t = 0; t < a; t++) {
          double want = t < len[i] ? expected[i][t] : 0;
          assertEquals(want, got[i * a + t], 1e-12, "row " + i + " t " + t);
          double wantReturn = t < len[i] ? expected[i][t] + v[i][t] : 0;
          assertEquals(wantReturn, returns[i * a + t], 1e-12);
        }
      }
    }
  }

  @Test
  void maskedPositionsDoNotChangeAnyResult() {
    int[] len = {3, 1, 4};
    double[][] mk = mask(len, 4);
    double[][] r = {{1, 0, 2, 0}, {5, 0, 0, 0}, {0, 1, 0, 3}};
    double[][] v = {{.1, .2, .3, 0}, {.4, 0, 0, 0}, {.5, .6, .7, .8}};
    double[][] rJunk = {{1, 0, 2, 99}, {5, -7, 3e3, 1}, {0, 1, 0, 3}};
    double[][] vJunk = {{.1, .2, .3, -50}, {.4, 8, 8, 8}, {.5, .6, .7, .8}};
    NDList clean = PpoMath.gae(arr(r), arr(v), arr(mk), scalar(1), scalar(0.95));
    NDList junk = PpoMath.gae(arr(rJunk), arr(vJunk), arr(mk), scalar(1), scalar(0.95));
    assertArrayEquals(clean.get(0).toDoubleArray(), junk.get(0).toDoubleArray(), 0);
    assertArrayEquals(clean.get(1).toDoubleArray(), junk.get(1).toDoubleArray(), 0);
    NDArray w1 = PpoMath.whiten(clean.get(0), arr(mk), c);
    NDArray w2 = PpoMath.whiten(arr(rJunk).mul(0).add(clean.get(0)), arr(mk), c);
    assertArrayEquals(w1.toDoubleArray(), w2.toDoubleArray(), 0);
    double[] white = w1.toDoubleArray();
    assertEquals(0.0, white[3], 0);
    assertEquals(0.0, PpoMath.maskedMean(w1, arr(mk)).getDouble(), 1e-12);
    assertEquals(1.0, PpoMath.maskedVariance(w1, arr(mk)).getDouble(), 1e-6);
  }

  @Test
  void klEstimatorsByHandAndMasked() {
    // k3 against the exact KL: KlEstimatorMonteCarloTest
    double[][] logp = {{-1.0, -2.0}};
    double[][] ref = {{-1.5, -1.0}};
    NDArray mk = arr(new double[][] {{1, 1}});
    // d = logp - ref = [0.5, -1.0]
    assertArrayEquals(new double[] {0.5, -1.0},
        PpoMath.kl(arr(logp), arr(ref), mk, KlEstimator.K1, c).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.125, 0.5},
        PpoMath.kl(arr(logp), arr(ref), mk, KlEstimator.K2, c).toDoubleArray(), 1e-12);
    NDArray masked = PpoMath.kl(arr(logp), arr(ref), arr(new double[][] {{1, 0}}),
        KlEstimator.K3, c);
    assertEquals(0.0, masked.toDoubleArray()[1], 0);
  }

  @Test
  void scoreGoesOnTheLastRealTokenOnly() {
    double[][] kl = {{0.1, 0.2, 0.0}, {0.3, 0.0, 0.0}};
    double[][] last = {{0, 1, 0}, {1, 0, 0}};
    NDArray scores = Scalars.owned(m.create(new double[] {2.0, -1.0}));
    double[] r = PpoMath.rewards(arr(kl), arr(last), scores, scalar(0.5)).toDoubleArray();
    assertArrayEquals(new double[] {-0.05, -0.1 + 2.0, 0, -0.15 - 1.0, 0, 0}, r, 1e-12);
  }

  @Test
  void policyLossByHand() {
    // three tokens, one masked; ratios e^0.1 (inside 1.2), e^0.5 (clipped high), e^-0.5 (masked)
    double[][] logp = {{0.1, 0.5, -0.5}};
    double[][] old = {{0.0, 0.0, 0.0}};
    double[][] adv = {{1.0, 2.0, 7.0}};
    double[][] mk = {{1, 1, 0}};
    NDList out = PpoMath.policyLoss(arr(logp), arr(old), arr(adv), arr(mk), c);
    double t1 = Math.max(-1.0 * Math.exp(0.1), -1.0 * Math.exp(0.1));
    double t2 = Math.max(-2.0 * Math.exp(0.5), -2.0 * 1.2);
    assertEquals((t1 + t2) / 2, out.get(0).getDouble(), 1e-12);
    assertEquals(0.5, out.get(1).getDouble(), 1e-12);
    assertEquals((0.01 + 0.25) / 2 / 2, out.get(2).getDouble(), 1e-12);
    // a negative advantage with a ratio below 1 - eps is clipped the other way
    NDList neg = PpoMath.policyLoss(arr(new double[][] {{-0.5}}), arr(new double[][] {{0}}),
        arr(new double[][] {{-1.0}}), arr(new double[][] {{1}}), c);
    assertEquals(Math.max(Math.exp(-0.5), 0.8), neg.get(0).getDouble(), 1e-12);
    assertEquals(1.0, neg.get(1).getDouble(), 0);
  }

  @Test
  void valueLossByHand() {
    double[][] v = {{1.0, 0.0, 3.0}};
    double[][] vOld = {{0.0, 0.1, 0.0}};
    double[][] ret = {{2.0, 0.0, 9.0}};
    double[][] mk = {{1, 1, 0}};
    NDList out = PpoMath.valueLoss(arr(v), arr(vOld), arr(ret), arr(mk), c);
    // token 0: unclipped (1-2)^2 = 1, clipped V = 0.5 -> (0.5-2)^2 = 2.25 -> 2.25
    // token 1: unclipped 0, clipped V = 0 (within 0.1 +- 0.5) -> 0
    assertEquals(0.5 * (2.25 + 0) / 2, out.get(0).getDouble(), 1e-12);
    assertEquals(0.5, out.get(1).getDouble(), 1e-12);
  }

  @Test
  void entropyOfAUniformDistributionIsLogV() {
    NDArray logits = m.zeros(new Shape(2, 3, 8), F64);
    double[] h = PpoMath.entropy(logits.logSoftmax(-1)).toDoubleArray();
    for (double x : h) {
      assertEquals(Math.log(8), x, 1e-12);
    }
  }

  @Test
  void explainedVarianceIsOneForAPerfectCriticAndZeroForTheMean() {
    double[][] ret = {{1, 2, 3, 4}};
    double[][] mk = {{1, 1, 1, 1}};
    assertEquals(1.0, PpoMath.explainedVariance(arr(ret), arr(ret), arr(mk)), 1e-12);
    double[][] mean = {{2.5, 2.5, 2.5, 2.5}};
    assertEquals(0.0, PpoMath.explainedVariance(arr(mean), arr(ret), arr(mk)), 1e-12);
  }
}

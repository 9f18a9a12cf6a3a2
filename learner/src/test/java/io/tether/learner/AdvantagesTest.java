package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.Scalars;
import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.AdvantageKind;
import io.tether.core.config.KlConfig;
import io.tether.core.config.KlControllerKind;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.KlPlacement;
import io.tether.core.config.LearnerConfig;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Steps 1-3 of an iteration against a double-precision plain-loop reference written from the
 * papers: which estimator feeds the per-token reward and the KL figures, the score on the last
 * real token, GAE, and whitening over the whole batch.
 */
class AdvantagesTest {
  private static final double BETA = 0.3;

  /** Random rollouts of lengths 1..7 with log-probs far enough apart that k1 != k3. */
  static List<ScoredRollout> rollouts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ScoredRollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 1 + r.nextInt(7);
      int[] resp = new int[len];
      float[] lp = new float[len];
      float[] ref = new float[len];
      for (int t = 0; t < len; t++) {
        resp[t] = 'a' + r.nextInt(26);
        lp[t] = (float) r.nextDouble(-4, -0.1);
        ref[t] = (float) (lp[t] + r.nextDouble(-1.5, 1.5));
      }
      Rollout ro = new Rollout(i, new int[] {256, 'q'}, 0, 0, resp, lp, ref, r.nextBoolean());
      out.add(new ScoredRollout(ro, (float) r.nextDouble(-2, 2), null));
    }
    return out;
  }

  /** The estimators as written in Schulman's note, with d = log pi - log pi_ref. */
  static double estimate(KlEstimator k, double logp, double refLogp) {
    double logRatio = refLogp - logp; // log(pi_ref / pi)
    return switch (k) {
      case K1 -> -logRatio;
      case K2 -> logRatio * logRatio / 2;
      case K3 -> Math.exp(logRatio) - 1 - logRatio;
    };
  }

  /** What {@link Advantages} must produce, in double: rewards, GAE, whole-batch whitening. */
  record Reference(double[][] advantages, double[][] returns, double kl, double klK1) {
    static Reference of(List<ScoredRollout> rows, double[][] values, KlEstimator k, double beta,
        double gamma, double lambda, boolean whiten) {
      int b = rows.size();
      double[][] adv = new double[b][];
      double[][] ret = new double[b][];
      double kl = 0;
      double klK1 = 0;
      for (int i = 0; i < b; i++) {
        Rollout r = rows.get(i).rollout();
        int n = r.responseLength();
        double[] reward = new double[n];
        for (int t = 0; t < n; t++) {
          double kt = estimate(k, r.logprobs()[t], r.refLogprobs()[t]);
          kl += kt / b;
          klK1 += estimate(KlEstimator.K1, r.logprobs()[t], r.refLogprobs()[t]) / b;
          reward[t] = -beta * kt + (t == n - 1 ? rows.get(i).score() : 0);
        }
        adv[i] = new double[n];
        ret[i] = new double[n];
        double next = 0;
        double nextValue = 0;
        for (int t = n - 1; t >= 0; t--) {
          double delta = reward[t] + gamma * nextValue - values[i][t];
          next = delta + gamma * lambda * next;
          adv[i][t] = next;
          ret[i][t] = next + values[i][t];
          nextValue = values[i][t];
        }
      }
      return new Reference(whiten ? whitened(adv) : adv, ret, kl, klK1);
    }

    private static double[][] whitened(double[][] x) {
      double sum = 0;
      long count = 0;
      for (double[] row : x) {
        for (double v : row) {
          sum += v;
          count++;
        }
      }
      double mean = sum / count;
      double var = 0;
      for (double[] row : x) {
        for (double v : row) {
          var += (v - mean) * (v - mean) / count;
        }
      }
      double[][] out = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        out[i] = new double[x[i].length];
        for (int t = 0; t < x[i].length; t++) {
          out[i][t] = (x[i][t] - mean) / Math.sqrt(var + 1e-8);
        }
      }
      return out;
    }
  }

  private static double[][] values(List<ScoredRollout> rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] v = new double[rows.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = new double[rows.get(i).rollout().responseLength()];
      for (int t = 0; t < v[i].length; t++) {
        v[i][t] = r.nextDouble(-1, 1);
      }
    }
    return v;
  }

  private static float[] flat(double[][] v, int width) {
    float[] out = new float[v.length * width];
    for (int i = 0; i < v.length; i++) {
      for (int t = 0; t < v[i].length; t++) {
        out[i * width + t] = (float) v[i][t];
      }
    }
    return out;
  }

  /** The learner section of these tests: GAE, the KL in the reward with estimator {@code k}. */
  static LearnerConfig learner(KlEstimator k, PpoConfig ppo) {
    LearnerConfig d = LearnerConfig.defaults();
    return new LearnerConfig(d.device(), d.criticInit(), AdvantageKind.GAE, true, ppo,
        new KlConfig(KlControllerKind.FIXED, BETA, 6.0, 100, k, KlPlacement.REWARD, 0.0),
        d.optimizer());
  }

  private static PpoConfig ppo(double gamma, double lambda, boolean whiten) {
    return new PpoConfig(1, 4, 1, 0.2, 0.2, gamma, lambda, 0.1, 0.0, 1.0, whiten);
  }

  private static void check(KlEstimator k, double gamma, double lambda, boolean whiten) {
    List<ScoredRollout> rows = rollouts(12, 3);
    double[][] v = values(rows, 4);
    Reference ref = Reference.of(rows, v, k, BETA, gamma, lambda, whiten);
    try (NDManager m = DjlRuntime.engine().newBaseManager();
        Experience e = Experience.of(m, rows, 258, DataType.FLOAT32)) {
      NDArray values = Scalars.owned(
          m.create(flat(v, e.width()), new Shape(rows.size(), e.width())));
      Advantages adv = Advantages.compute(e, values, BETA, learner(k, ppo(gamma, lambda, whiten)));
      float[] advantages = adv.advantages().toFloatArray();
      float[] returns = adv.returns().toFloatArray();
      String what = k + " gamma " + gamma + " lambda " + lambda + " whiten " + whiten;
      for (int i = 0; i < rows.size(); i++) {
        for (int t = 0; t < e.width(); t++) {
          boolean real = t < e.length(i);
          int at = i * e.width() + t;
          assertEquals(real ? ref.advantages()[i][t] : 0, advantages[at], 2e-4,
              what + ": advantage row " + i + " token " + t);
          assertEquals(real ? ref.returns()[i][t] : 0, returns[at], 2e-4,
              what + ": return row " + i + " token " + t);
        }
      }
      assertEquals(ref.kl(), adv.klPerSequence(), 1e-4, what + ": KL fed to the controller");
      assertEquals(ref.klK1(), adv.klK1PerSequence(), 1e-4, what + ": k1 KL");
      assertEquals(-BETA * ref.kl(), adv.nonScoreReward(), 1e-4, what + ": non-score reward");
    }
  }

  /**
   * GRPO: every real token of a row gets the row's group advantage minus beta times the KL of
   * that token and the later ones (a plain loop); with the KL in the loss, the group advantage
   * alone; returns are absent.
   */
  @Test
  void groupAdvantagesAreSpreadOverTokensLessTheKlStillToCome() {
    List<ScoredRollout> rows = new ArrayList<>();
    for (ScoredRollout s : rollouts(12, 5)) {
      Rollout r = s.rollout();
      rows.add(new ScoredRollout(new Rollout(r.promptId() / 3, r.promptTokens(),
          (int) r.promptId() % 3, 0, r.responseTokens(), r.logprobs(), r.refLogprobs(),
          r.finished()), s.score(), null));
    }
    long[] ids = rows.stream().mapToLong(s -> s.rollout().promptId()).toArray();
    float[] scores = new float[rows.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = rows.get(i).score();
    }
    double[] seq = GroupAdvantages.compute(ids, scores, AdvantageKind.GRPO, true);
    for (KlPlacement in : KlPlacement.values()) {
      LearnerConfig base = learner(KlEstimator.K3, ppo(1.0, 1.0, true));
      LearnerConfig c = base.withAdvantage(AdvantageKind.GRPO).withKl(base.kl().in(in));
      try (NDManager m = DjlRuntime.engine().newBaseManager();
          Experience e = Experience.of(m, rows, 258, DataType.FLOAT32)) {
        Advantages adv = Advantages.compute(e, null, BETA, c);
        assertEquals(null, adv.returns());
        float[] got = adv.advantages().toFloatArray();
        for (int i = 0; i < rows.size(); i++) {
          Rollout r = rows.get(i).rollout();
          for (int t = 0; t < e.width(); t++) {
            double toGo = 0;
            for (int u = t; u < r.responseLength(); u++) {
              toGo += estimate(KlEstimator.K3, r.logprobs()[u], r.refLogprobs()[u]);
            }
            double beta = in == KlPlacement.REWARD ? BETA : 0;
            double expected = t < r.responseLength() ? seq[i] - beta * toGo : 0;
            assertEquals(expected, got[i * e.width() + t], 2e-4, in + " row " + i + " token " + t);
          }
        }
      }
    }
  }

  @Test
  void k3FeedsTheRewardAndTheKlFiguresAndTheScoreSitsOnTheLastToken() {
    check(KlEstimator.K3, 1.0, 1.0, false);
  }

  @Test
  void k2AndK1WithDiscountAndLambda() {
    check(KlEstimator.K2, 0.9, 0.95, false);
    check(KlEstimator.K1, 1.0, 0.95, false);
  }

  @Test
  void whiteningIsOverEveryRealTokenOfTheWholeBatch() {
    check(KlEstimator.K3, 1.0, 0.95, true);
  }
}

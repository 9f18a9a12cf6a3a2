package io.tether.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.KlEstimator;
import io.tether.core.metrics.MetricNames;
import io.tether.learner.PpoConstants;
import io.tether.learner.PpoMath;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evaluation's figures against the learner's tensor KL and hand-computed means. */
class EvaluationTest {
  private static Rollout rollout(float[] logp, float[] ref) {
    return new Rollout(0, new int[] {1}, 0, 0, new int[logp.length], logp, ref, true);
  }

  @Test
  void sequenceKlIsTheLearnersPerTokenKlSummedForEveryEstimator() {
    Random rnd = new Random(5);
    float[] logp = new float[7];
    float[] ref = new float[7];
    for (int t = 0; t < 7; t++) {
      logp[t] = (float) (-3 * rnd.nextDouble());
      ref[t] = (float) (-3 * rnd.nextDouble());
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray lp = m.create(logp, new Shape(1, 7)).toType(DataType.FLOAT64, false);
      NDArray rp = m.create(ref, new Shape(1, 7)).toType(DataType.FLOAT64, false);
      NDArray mask = m.ones(new Shape(1, 7), DataType.FLOAT64);
      PpoConstants c = PpoConstants.of(m, DataType.FLOAT64, 0.2, 0.2);
      for (KlEstimator e : KlEstimator.values()) {
        double tensor = PpoMath.kl(lp, rp, mask, e, c).sum().getDouble();
        assertEquals(tensor, Evaluation.sequenceKl(rollout(logp, ref), e), 1e-12, e.name());
      }
    }
  }

  @Test
  void meansOverSamplesAndGoldOnlyWhenEverySampleHasIt() {
    ScoredRollout a = new ScoredRollout(rollout(new float[] {-1f, -2f}, new float[] {-1.5f, -2f}),
        1.0f, 2.0f);
    ScoredRollout b = new ScoredRollout(rollout(new float[] {-1f}, new float[] {-0.5f}), -3.0f,
        0.0f);
    Map<String, Double> m = Evaluation.metrics(List.of(a, b), KlEstimator.K1);
    assertEquals(-1.0, m.get(MetricNames.EVAL_SCORE), 1e-12);
    assertEquals(1.0, m.get(MetricNames.EVAL_GOLD_SCORE), 1e-12);
    assertEquals(0.0, m.get(MetricNames.EVAL_KL), 1e-7, "(0.5 + 0) and -0.5 average to 0");
    assertEquals(0.0, m.get(MetricNames.EVAL_SQRT_KL), 1e-3);
    assertEquals(2.0, m.get(MetricNames.EVAL_SAMPLES));
    ScoredRollout noGold = new ScoredRollout(b.rollout(), -3.0f, null);
    assertFalse(Evaluation.metrics(List.of(a, noGold), KlEstimator.K1)
        .containsKey(MetricNames.EVAL_GOLD_SCORE));
  }
}

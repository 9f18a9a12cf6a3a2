package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.Scalars;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The full PPO loss (clipped policy loss + vf_coef * clipped value loss - ent_coef * entropy)
 * differentiated with respect to the logits and the values, after a forced GC between forward and
 * backward, against central finite differences in float64.
 */
class PpoLossGradientTest {
  private static final int B = 2;
  private static final int A = 3;
  private static final int V = 5;

  private static double[] random(SplittableRandom r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble(-scale, scale);
    }
    return x;
  }

  private record Inputs(NDArray actions, NDArray oldLogp, NDArray adv, NDArray mask,
      NDArray oldValues, NDArray returns) {}

  private static NDArray loss(NDManager m, NDArray logits, NDArray values, Inputs in) {
    PpoConstants c = PpoConstants.of(m, DataType.FLOAT64, 0.2, 0.2);
    NDArray logSoftmax = logits.logSoftmax(-1);
    NDArray logp = logSoftmax.gather(in.actions().expandDims(-1), -1).squeeze(-1);
    NDList pl = PpoMath.policyLoss(logp, in.oldLogp(), in.adv(), in.mask(), c);
    NDList vl = PpoMath.valueLoss(values, in.oldValues(), in.returns(), in.mask(), c);
    NDArray ent = PpoMath.maskedMean(PpoMath.entropy(logSoftmax), in.mask());
    return pl.get(0).add(vl.get(0).mul(Scalars.of(m, 0.5, DataType.FLOAT64)))
        .sub(ent.mul(Scalars.of(m, 0.01, DataType.FLOAT64)));
  }

  @RepeatedTest(3)
  void gradientsWrtLogitsAndValuesMatchFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(17);
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray logits = Scalars.owned(m.create(random(r, B * A * V, 2), new Shape(B, A, V)));
      NDArray values = Scalars.owned(m.create(random(r, B * A, 1), new Shape(B, A)));
      // old log-probs near the current ones so that some ratios fall inside and some outside 1 +- 0.2
      Inputs in = new Inputs(
          m.create(new long[] {0, 3, 1, 4, 2, 2}, new Shape(B, A)),
          Scalars.owned(m.create(random(r, B * A, 0.4), new Shape(B, A))).add(-1.6),
          Scalars.owned(m.create(random(r, B * A, 1.5), new Shape(B, A))),
          Scalars.owned(m.create(new double[] {1, 1, 1, 1, 1, 0}, new Shape(B, A))),
          Scalars.owned(m.create(random(r, B * A, 1), new Shape(B, A))),
          Scalars.owned(m.create(random(r, B * A, 1), new Shape(B, A))));
      logits.setRequiresGradient(true);
      values.setRequiresGradient(true);
      try (NDManager step = m.newSubManager();
          GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
        NDArray l = loss(step, logits, values, in);
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        gc.backward(l);
      }
      check(m, logits, values, in, logits);
      check(m, logits, values, in, values);
    }
  }

  private static void check(NDManager m, NDArray logits, NDArray values, Inputs in, NDArray wrt) {
    double[] grad = wrt.getGradient().toDoubleArray();
    try (GradMode g = GradMode.off();
        NDArray flat = wrt.reshape(-1)) {
      for (int i = 0; i < grad.length; i++) {
        double x = flat.getDouble(i);
        flat.set(new NDIndex(i), x + 1e-6);
        double plus = value(m, logits, values, in);
        flat.set(new NDIndex(i), x - 1e-6);
        double minus = value(m, logits, values, in);
        flat.set(new NDIndex(i), x);
        double numeric = (plus - minus) / 2e-6;
        assertEquals(numeric, grad[i], 1e-6 + 1e-5 * Math.abs(numeric), "index " + i);
      }
    }
  }

  private static double value(NDManager m, NDArray logits, NDArray values, Inputs in) {
    try (NDManager s = m.newSubManager()) {
      return loss(s, logits, values, in).getDouble();
    }
  }
}

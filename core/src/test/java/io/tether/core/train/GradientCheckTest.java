package io.tether.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.Gradients;
import io.tether.core.model.HeadKind;
import io.tether.core.model.TinyModels;
import io.tether.core.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Guards the DJL scalar-operand trap: the backward pass runs after a forced GC (which frees any
 * Java buffer a temporary scalar was built on) and the gradients must still match central finite
 * differences in float64.
 */
class GradientCheckTest {
  private static final String[] PARAMS = {
    "wte", "wpe", "layers.0.ln1.gamma", "layers.0.attn.qkv.weight", "layers.1.attn.out.weight",
    "layers.1.mlp.fc.bias", "layers.1.mlp.proj.weight", "ln_f.beta"
  };
  private static final TokenBatch BATCH = TokenBatch.rightPadded(
      List.of(new int[] {256, 72, 101, 108, 108, 111}, new int[] {256, 104, 105}),
      TinyModels.PAD);

  @RepeatedTest(3)
  void gradientsSurviveGcAndMatchFiniteDifferences() {
    try (GptModel model = TinyModels.micro(HeadKind.LM, 41)) {
      model.parameters().setRequiresGradient(true);
      Gradients.zero(model.parameters());
      try (NDManager m = model.manager().newSubManager();
          GradientCollector c = DjlRuntime.engine().newGradientCollector()) {
        NDArray loss = LanguageModelLoss.of(model, BATCH, m);
        forceGc();
        c.backward(loss);
      }
      SplittableRandom random = new SplittableRandom(7);
      for (String name : PARAMS) {
        NDArray w = model.parameters().get(name);
        double[] grad = w.getGradient().toDoubleArray();
        for (int k = 0; k < 4; k++) {
          int i = random.nextInt(grad.length);
          double numeric = finiteDifference(model, w, i);
          double tol = 1e-6 + 1e-4 * Math.abs(numeric);
          assertEquals(numeric, grad[i], tol, name + "[" + i + "]");
        }
      }
    }
  }

  @RepeatedTest(2)
  void gradientsAreNotAccumulatedAcrossStepsAfterZeroing() {
    try (GptModel model = TinyModels.micro(HeadKind.LM, 42)) {
      model.parameters().setRequiresGradient(true);
      double first = backwardOnce(model);
      double second = backwardOnce(model);
      assertTrue(first > 0);
      assertEquals(first, second, 1e-9 * first);
    }
  }

  private static double backwardOnce(GptModel model) {
    Gradients.zero(model.parameters());
    try (NDManager m = model.manager().newSubManager();
        GradientCollector c = DjlRuntime.engine().newGradientCollector()) {
      c.backward(LanguageModelLoss.of(model, BATCH, m));
    }
    return Gradients.globalNorm(model.parameters());
  }

  private static double finiteDifference(GptModel model, NDArray w, int flatIndex) {
    double h = 1e-6;
    try (GradMode g = GradMode.off();
        NDArray flat = w.reshape(-1)) {
      double original = flat.getDouble(flatIndex);
      flat.set(new ai.djl.ndarray.index.NDIndex(flatIndex), original + h);
      double plus = loss(model);
      flat.set(new ai.djl.ndarray.index.NDIndex(flatIndex), original - h);
      double minus = loss(model);
      flat.set(new ai.djl.ndarray.index.NDIndex(flatIndex), original);
      return (plus - minus) / (2 * h);
    }
  }

  private static double loss(GptModel model) {
    try (NDManager m = model.manager().newSubManager()) {
      return LanguageModelLoss.of(model, BATCH, m).toType(DataType.FLOAT64, false).getDouble();
    }
  }

  private static void forceGc() {
    List<byte[]> garbage = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      garbage.add(new byte[1 << 16]);
    }
    garbage.clear();
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
    }
  }
}

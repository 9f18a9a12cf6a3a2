package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.djl.GradMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class GptModelTest {

  @Test
  void parameterCountMatchesSpecForEveryHead() {
    for (HeadKind head : HeadKind.values()) {
      ModelSpec spec = TinyModels.tinyLm().withHead(head);
      try (GptModel m = GptModel.create(spec, 1)) {
        assertEquals(spec.parameterCount(), m.parameters().size(), head.name());
      }
    }
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    try (GptModel a = GptModel.create(TinyModels.tinyLm(), 5);
        GptModel b = GptModel.create(TinyModels.tinyLm(), 5);
        GptModel c = GptModel.create(TinyModels.tinyLm(), 6)) {
      float[] wa = a.parameters().get("layers.1.mlp.fc.weight").toFloatArray();
      assertArrayEquals(wa, b.parameters().get("layers.1.mlp.fc.weight").toFloatArray());
      assertTrue(wa[0] != c.parameters().get("layers.1.mlp.fc.weight").toFloatArray()[0]);
    }
  }

  @Test
  void logitsOfRealTokensDoNotDependOnPaddingSide() {
    int[] s1 = {256, 72, 105, 33, 10};
    int[] s2 = {256, 65};
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 3)) {
      float[] left = lastLogits(m, TokenBatch.leftPadded(List.of(s1, s2), TinyModels.PAD), 1, 4);
      float[] right = lastLogits(m, TokenBatch.rightPadded(List.of(s1, s2), TinyModels.PAD), 1, 1);
      float[] alone = lastLogits(m, TokenBatch.rightPadded(List.of(s2), TinyModels.PAD), 0, 1);
      assertClose(alone, left, 1e-5f);
      assertClose(alone, right, 1e-5f);
    }
  }

  @Test
  void laterTokensDoNotChangeEarlierLogits() {
    try (GptModel m = GptModel.create(TinyModels.tinyLm(), 3)) {
      float[] a = lastLogits(m, TokenBatch.rightPadded(List.of(new int[] {256, 1, 2, 3}), 258), 0, 1);
      float[] b = lastLogits(m, TokenBatch.rightPadded(List.of(new int[] {256, 1, 9, 9}), 258), 0, 1);
      float[] c = lastLogits(m, TokenBatch.rightPadded(List.of(new int[] {256, 7, 2, 3}), 258), 0, 1);
      assertClose(a, b, 1e-6f);
      assertTrue(Math.abs(a[0] - c[0]) > 1e-6, "logits must depend on earlier tokens");
    }
  }

  /** Logits (V) of {@code row} at {@code column}, as float32 whatever the model's dtype. */
  static float[] lastLogits(GptModel m, TokenBatch batch, int row, int column) {
    try (GradMode g = GradMode.off();
        NDManager nd = m.manager().newSubManager()) {
      NDArray logits = m.logits(m.hidden(ModelInputs.of(nd, batch, m.dtype())));
      return logits.get(row, column).toType(DataType.FLOAT32, false).toFloatArray();
    }
  }

  static void assertClose(float[] expected, float[] actual, float tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, "index " + i);
    }
  }
}

package io.tether.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tether.core.djl.GradMode;
import io.tether.core.testing.ReferenceMath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log-probs from the LM head at response columns only equal those read out of a full-vocabulary
 * projection of every column, row by row, with ragged prompts and responses.
 */
class TokenLogprobsTest {

  @Test
  void responseColumnsOnlyEqualTheFullProjection() {
    List<int[]> prompts = List.of(new int[] {256, 72, 105}, new int[] {256}, new int[] {256, 1, 2,
        3, 4, 5});
    List<int[]> responses = List.of(new int[] {33, 10}, new int[] {65, 66, 67, 257},
        new int[0]);
    ResponseBatch rb = ResponseBatch.of(prompts, responses, TinyModels.PAD);
    double temperature = 0.7;
    try (GradMode g = GradMode.off();
        GptModel m = GptModel.create(TinyModels.tinyLm(), 4)) {
      List<float[]> got = TokenLogprobs.of(m, rb, temperature);
      for (int r = 0; r < prompts.size(); r++) {
        assertEquals(responses.get(r).length, got.get(r).length, "row " + r);
        for (int i = 0; i < responses.get(r).length; i++) {
          int column = rb.shiftedColumn(r, i);
          float[] logits = GptModelTest.lastLogits(m, rb.tokens(), r, column);
          double expected =
              ReferenceMath.logSoftmax(logits, temperature, responses.get(r)[i]);
          assertEquals(expected, got.get(r)[i], 1e-4, "row " + r + " token " + i);
        }
      }
    }
  }
}

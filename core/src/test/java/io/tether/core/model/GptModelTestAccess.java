package io.tether.core.model;

import java.util.List;

/** Test helper: last-column logits of one sequence. */
public final class GptModelTestAccess {
  private GptModelTestAccess() {}

  public static float[] lastLogits(GptModel m, int[] seq) {
    return GptModelTest.lastLogits(
        m, TokenBatch.rightPadded(List.of(seq), TinyModels.PAD), 0, seq.length - 1);
  }
}

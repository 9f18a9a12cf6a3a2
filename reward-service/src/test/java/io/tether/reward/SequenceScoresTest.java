package io.tether.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.TokenBatch;
import io.tether.core.tokenizer.ByteTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores of a padded batch against each sequence run alone (no padding): the head at the last
 * token, or its sum over the tokens after BOS, added up here in double precision.
 */
class SequenceScoresTest {
  private static final int PAD = ByteTokenizer.PAD;
  private static final List<int[]> SEQS = List.of(
      new int[] {256, 10, 20, 30, 40, 50, 60}, new int[] {256, 7}, new int[] {256, 99, 98, 97});

  private static float[] alone(GptModel rm, NDManager m, int[] seq) {
    TokenBatch one = TokenBatch.rightPadded(List.of(seq), PAD);
    return rm.values(rm.hidden(ModelInputs.of(m, one, DataType.FLOAT32))).toFloatArray();
  }

  @Test
  void sumPoolingAddsTheHeadOverTheRealTokensAfterBos() {
    try (GptModel rm = GptModel.create(
            ModelSpec.of(ModelPreset.TINY, 259, HeadKind.REWARD_SUM), 3);
        NDManager m = rm.manager().newSubManager()) {
      float[] batch = SequenceScores.of(m, rm, SEQS, PAD).toFloatArray();
      for (int r = 0; r < SEQS.size(); r++) {
        float[] v = alone(rm, m, SEQS.get(r));
        double sum = 0;
        for (int t = 1; t < SEQS.get(r).length; t++) {
          sum += v[t];
        }
        assertEquals(sum, batch[r], 1e-4, "sequence " + r);
      }
    }
  }

  @Test
  void lastPoolingReadsTheHeadAtTheLastRealToken() {
    try (GptModel rm = GptModel.create(ModelSpec.of(ModelPreset.TINY, 259, HeadKind.REWARD), 3);
        NDManager m = rm.manager().newSubManager()) {
      float[] batch = SequenceScores.of(m, rm, SEQS, PAD).toFloatArray();
      for (int r = 0; r < SEQS.size(); r++) {
        float[] v = alone(rm, m, SEQS.get(r));
        assertEquals(v[v.length - 1], batch[r], 1e-4, "sequence " + r);
      }
    }
  }
}

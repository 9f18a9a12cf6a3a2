package io.tether.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import java.util.List;

/**
 * A reward model's scores: its head at each sequence's last real token ({@link HeadKind#REWARD}),
 * or summed over the real tokens after BOS ({@link HeadKind#REWARD_SUM}).
 */
final class SequenceScores {
  private SequenceScores() {}

  /**
   * @param sequences token sequences (BOS first), right-padded internally
   * @return (B) raw scores, on the graph when called inside a gradient collector
   */
  static NDArray of(NDManager m, GptModel rm, List<int[]> sequences, int pad) {
    TokenBatch batch = TokenBatch.rightPadded(sequences, pad);
    long[] last = new long[sequences.size()];
    for (int r = 0; r < last.length; r++) {
      last[r] = sequences.get(r).length - 1;
    }
    NDArray values = rm.values(rm.hidden(ModelInputs.of(m, batch, rm.dtype())));
    if (rm.spec().head() == HeadKind.REWARD_SUM) {
      int t = (int) values.getShape().get(1);
      float[] mask = new float[last.length * t];
      for (int r = 0; r < last.length; r++) {
        java.util.Arrays.fill(mask, r * t + 1, (int) (r * t + last[r] + 1), 1f);
      }
      NDArray keep = m.create(mask, new Shape(last.length, t)).toType(values.getDataType(), false);
      return values.mul(keep).sum(new int[] {1});
    }
    NDArray index = m.create(last, new Shape(last.length, 1));
    return values.gather(index, 1).squeeze(1);
  }
}

package io.tether.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import java.util.List;

/** The reward head read at each sequence's last real token. */
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
    NDArray index = m.create(last, new Shape(last.length, 1));
    return values.gather(index, 1).squeeze(1);
  }
}

package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.Scalars;
import java.util.ArrayList;
import java.util.List;

/** Per-token log-probabilities of given responses under an LM model, in one full pass. */
public final class TokenLogprobs {
  private TokenLogprobs() {}

  /**
   * {@code log softmax(logits / temperature)} at each shifted column, gathered at the target.
   *
   * @param logits (B, T, V)
   * @param targets (B, T-1) int64
   * @param invTemperature 0-d constant 1 / temperature (natively allocated)
   * @return (B, T-1)
   */
  public static NDArray gather(NDArray logits, NDArray targets, NDArray invTemperature) {
    long t = logits.getShape().get(1);
    NDArray scaled = logits.get(":, :{}, :", t - 1).mul(invTemperature);
    return scaled.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
  }

  /** Inference: the response log-probs of each row, without building an autograd graph. */
  public static List<float[]> of(GptModel model, ResponseBatch batch, double temperature) {
    try (GradMode g = GradMode.off();
        NDManager m = model.manager().newSubManager()) {
      NDArray hidden = model.hidden(ModelInputs.of(m, batch.tokens(), model.dtype()), null);
      NDArray targets =
          m.create(batch.targets(), new Shape(batch.batchSize(), batch.shiftedLength()));
      NDArray inv = Scalars.of(m, 1.0 / temperature, model.dtype());
      float[] all = gather(model.logits(hidden), targets, inv).toType(
          ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      List<float[]> out = new ArrayList<>();
      for (int r = 0; r < batch.batchSize(); r++) {
        out.add(batch.responsePart(all, r));
      }
      return out;
    }
  }
}

package io.tether.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-token log-probabilities of given responses under an LM model. The LM head runs only at the
 * columns that predict response tokens: with a large vocabulary the head is most of a forward
 * pass, and its (B, T, V) log-softmax most of the memory, so prompt columns are never projected.
 */
public final class TokenLogprobs {
  private TokenLogprobs() {}

  /** Hidden states at the given columns: (B, T, D) and (B, A) int64 give (B, A, D). */
  public static NDArray atColumns(NDArray hidden, NDArray columns) {
    Shape h = hidden.getShape();
    Shape c = columns.getShape();
    NDArray index = columns.expandDims(2).broadcast(new Shape(c.get(0), c.get(1), h.get(2)));
    return hidden.gather(index, 1);
  }

  /**
   * {@code log softmax(logits / temperature)} of the LM head at {@code columns} of {@code hidden}.
   *
   * @param columns (B, A) int64, the shifted column predicting each response token
   * @param invTemperature 0-d constant 1 / temperature (natively allocated)
   * @return (B, A, V)
   */
  public static NDArray logSoftmaxAt(GptModel model, NDArray hidden, NDArray columns,
      NDArray invTemperature) {
    return model.logits(atColumns(hidden, columns)).mul(invTemperature).logSoftmax(-1);
  }

  /** The log-prob of each target: (B, A, V) log-softmax and (B, A) int64 targets give (B, A). */
  public static NDArray pick(NDArray logSoftmax, NDArray targets) {
    return logSoftmax.gather(targets.expandDims(-1), -1).squeeze(-1);
  }

  /** Inference: the response log-probs of each row, without building an autograd graph. */
  public static List<float[]> of(GptModel model, ResponseBatch batch, double temperature) {
    int width = batch.maxResponseLength();
    List<float[]> out = new ArrayList<>();
    if (width == 0) {
      for (int r = 0; r < batch.batchSize(); r++) {
        out.add(new float[0]);
      }
      return out;
    }
    try (GradMode g = GradMode.off();
        NDManager m = model.manager().newSubManager()) {
      NDArray hidden = model.hidden(ModelInputs.of(m, batch.tokens(), model.dtype()));
      Shape shape = new Shape(batch.batchSize(), width);
      NDArray columns = m.create(batch.responseColumns(width), shape);
      NDArray targets = m.create(batch.responseTargets(width), shape);
      NDArray inv = Scalars.of(m, 1.0 / temperature, model.dtype());
      float[] all = pick(logSoftmaxAt(model, hidden, columns, inv), targets)
          .toType(DataType.FLOAT32, false).toFloatArray();
      for (int r = 0; r < batch.batchSize(); r++) {
        out.add(Arrays.copyOfRange(all, r * width, r * width + batch.responseLengths()[r]));
      }
      return out;
    }
  }
}

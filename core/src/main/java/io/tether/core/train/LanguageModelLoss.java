package io.tether.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tether.core.djl.Scalars;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;

/**
 * Mean next-token negative log-likelihood over the real tokens of a batch, written with natively
 * allocated constants only (see {@link Scalars}) so it is safe inside a gradient collector.
 */
public final class LanguageModelLoss {
  private LanguageModelLoss() {}

  /**
   * @param batch (B, T) sequences; the target of column c is the token at c + 1 when it is real
   * @return 0-d loss in the model's dtype, allocated in {@code manager}
   */
  public static NDArray of(GptModel model, TokenBatch batch, NDManager manager) {
    int b = batch.batchSize();
    int t = batch.length();
    long[] targets = new long[b * (t - 1)];
    float[] mask = new float[b * (t - 1)];
    int count = 0;
    for (int r = 0; r < b; r++) {
      for (int c = 0; c < t - 1; c++) {
        int next = r * t + c + 1;
        targets[r * (t - 1) + c] = batch.tokens()[next];
        boolean real = batch.valid()[next] && batch.valid()[next - 1];
        mask[r * (t - 1) + c] = real ? 1f : 0f;
        count += real ? 1 : 0;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("batch has no token to predict");
    }
    NDArray hidden = model.hidden(ModelInputs.of(manager, batch, model.dtype()));
    NDArray logits = model.logits(hidden).get(":, :{}, :", t - 1);
    NDArray tgt = manager.create(targets, new Shape(b, t - 1));
    NDArray m = manager.create(mask, new Shape(b, t - 1)).toType(model.dtype(), false);
    NDArray logp = logits.logSoftmax(-1).gather(tgt.expandDims(-1), -1).squeeze(-1);
    NDArray total = logp.mul(m).sum().neg();
    return total.div(Scalars.of(manager, count, model.dtype()));
  }
}

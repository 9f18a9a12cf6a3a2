package io.tether.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.model.GptModel;
import io.tether.core.model.Gradients;
import io.tether.core.model.TokenBatch;
import java.util.List;

/**
 * Next-token training of an LM model (pre-training / SFT): one call, one AdamW step on one batch,
 * with global gradient-norm clipping. Owns the model's only gradient collector while it runs.
 */
public final class LanguageModelTrainer implements AutoCloseable {
  private final GptModel model;
  private final AdamW optimizer;
  private final int pad;
  private final double maxGradNorm;

  public LanguageModelTrainer(GptModel model, AdamW.Hyper hyper, int pad, double maxGradNorm) {
    this.model = model;
    this.pad = pad;
    this.maxGradNorm = maxGradNorm;
    model.parameters().setRequiresGradient(true);
    this.optimizer = new AdamW(model.parameters(), hyper, model.manager());
  }

  /** Result of one step: the loss before the update and the gradient norm before clipping. */
  public record StepResult(double loss, double gradNorm) {}

  /** One update on {@code sequences} (right-padded internally) with learning rate {@code lr}. */
  public StepResult step(List<int[]> sequences, double lr) {
    TokenBatch batch = TokenBatch.rightPadded(sequences, pad);
    Gradients.zero(model.parameters());
    double loss;
    try (NDManager m = model.manager().newSubManager();
        GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
      NDArray l = LanguageModelLoss.of(model, batch, m);
      collector.backward(l);
      loss = l.toType(DataType.FLOAT64, false).getDouble();
    }
    double norm = Gradients.globalNorm(model.parameters());
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw new IllegalStateException(
          "non-finite loss " + loss + " or gradient norm " + norm + "; update skipped");
    }
    double scale = norm > maxGradNorm ? maxGradNorm / norm : 1.0;
    optimizer.step(lr, scale);
    return new StepResult(loss, norm);
  }

  public AdamW optimizer() {
    return optimizer;
  }

  @Override
  public void close() {
    optimizer.close();
  }
}

package io.tether.deploy.bench;

import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.train.AdamW;
import io.tether.core.train.LanguageModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Learner throughput: forward + backward + optimizer steps of a model of a preset on a fixed batch
 * of random sequences, timed as often as asked; the model-FLOPs rate of a step is 6 * matmul
 * parameters * tokens / time.
 */
final class LearnerThroughput implements AutoCloseable {
  private final GptModel model;
  private final LanguageModelTrainer trainer;
  private final List<int[]> sequences = new ArrayList<>();

  /** A fresh model of {@code preset} (byte vocabulary) and {@code batch} random sequences. */
  LearnerThroughput(ModelPreset preset, int batch, int seqLen) {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < batch; i++) {
      sequences.add(r.ints(seqLen, 0, 256).toArray());
    }
    model = GptModel.create(ModelSpec.of(preset, 259, HeadKind.LM), 1);
    trainer = new LanguageModelTrainer(model, AdamW.Hyper.defaults(), 258, 1.0);
  }

  ModelSpec spec() {
    return model.spec();
  }

  /** Tokens of one step. */
  long tokensPerStep() {
    return (long) sequences.size() * sequences.get(0).length;
  }

  /** Seconds of {@code steps} optimizer steps. */
  double seconds(int steps) {
    return Interleaved.seconds(() -> {
      for (int i = 0; i < steps; i++) {
        trainer.step(sequences, 1e-4);
      }
    });
  }

  /** 6 * matmul parameters * tokens / time, in GFLOP/s, for {@code steps} in {@code seconds}. */
  double modelGflops(int steps, double seconds) {
    return 6.0 * spec().matmulParameterCount() * tokensPerStep() * steps / seconds / 1e9;
  }

  @Override
  public void close() {
    try (model; trainer) {
      // the trainer first, then the model it trains
    }
  }
}

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
 * Learner throughput: tokens per second through forward + backward + optimizer step of a model of
 * a preset, and model-FLOPs utilisation (6 * matmul parameters * tokens / time) against the DJL
 * matmul roofline measured in the same run at the model's own shapes.
 */
final class LearnerThroughput {

  /** One measurement. */
  public record Result(ModelPreset preset, int batch, int seqLen, double tokensPerSecond,
      double modelGflops, double rooflineGflops) {
    public double utilisation() {
      return modelGflops / rooflineGflops;
    }
  }

  private LearnerThroughput() {}

  public static Result measure(ModelPreset preset, int batch, int seqLen, int steps) {
    ModelSpec spec = ModelSpec.of(preset, 259, HeadKind.LM);
    SplittableRandom r = new SplittableRandom(1);
    List<int[]> seqs = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] s = new int[seqLen];
      for (int j = 0; j < seqLen; j++) {
        s[j] = r.nextInt(256);
      }
      seqs.add(s);
    }
    double seconds;
    try (GptModel model = GptModel.create(spec, 1);
        LanguageModelTrainer trainer =
            new LanguageModelTrainer(model, AdamW.Hyper.defaults(), 258, 1.0)) {
      trainer.step(seqs, 1e-4); // warm-up
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        trainer.step(seqs, 1e-4);
      }
      seconds = (System.nanoTime() - start) / 1e9;
    }
    double tokens = (double) batch * seqLen * steps;
    double gflops = 6.0 * spec.matmulParameterCount() * tokens / seconds / 1e9;
    int d = spec.dModel();
    MatmulRoofline.Result roof =
        MatmulRoofline.systemClock().measure(batch * seqLen, d, 4 * d, 3, 10);
    return new Result(preset, batch, seqLen, tokens / seconds, gflops, roof.medianGflops());
  }
}

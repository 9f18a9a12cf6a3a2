package io.tether.learner.bench;

import io.tether.core.bench.MatmulRoofline;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.train.AdamW;
import io.tether.core.train.LanguageModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Learner throughput: tokens per second through forward + backward + optimizer step of a model of
 * a preset, and model-FLOPs utilisation (6 * matmul parameters * tokens / time) against the DJL
 * matmul roofline measured in the same run at the model's own shapes.
 */
public final class LearnerThroughput {

  /** One measurement. */
  public record Result(ModelPreset preset, int batch, int seqLen, double tokensPerSecond,
      double modelGflops, double rooflineGflops) {
    public double utilisation() {
      return modelGflops / rooflineGflops;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%s batch %d x %d: %.0f tokens/s, %.1f GFLOP/s model, roofline %.1f GFLOP/s, %.0f%%",
          preset, batch, seqLen, tokensPerSecond, modelGflops, rooflineGflops,
          100 * utilisation());
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

  /** {@code java ... LearnerThroughput [preset] [batch] [seqLen] [steps]}. */
  public static void main(String[] args) {
    ModelPreset preset = ModelPreset.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT)
        : "SMALL");
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seqLen = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    System.out.println(measure(preset, batch, seqLen, steps));
  }
}

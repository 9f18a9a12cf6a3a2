package io.tether.core.task;

import io.tether.core.config.SftConfig;
import io.tether.core.model.GptModel;
import io.tether.core.time.Ticker;
import io.tether.core.train.AdamW;
import io.tether.core.train.LanguageModelTrainer;
import io.tether.core.train.LearningRateSchedule;
import io.tether.core.train.LengthBuckets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Supervised fine-tuning of a policy on {@link SftBatches}, as the {@code sft} section says; the
 * draws of {@link LengthBuckets#POOL} steps at a time are grouped into batches of similar length.
 */
public final class SftRunner {

  /** Mean loss of the first and of the last tenth of the steps, and the wall time. */
  public record Result(int steps, double firstLoss, double lastLoss, double seconds) {}

  private SftRunner() {}

  public static Result run(GptModel policy, SftBatches data, SftConfig sft, int pad, long seed,
      IntConsumer progress, Ticker ticker) {
    long start = ticker.nanos();
    SplittableRandom random = new SplittableRandom(seed);
    LearningRateSchedule lr = LearningRateSchedule.warmupCosine(sft.lr(),
        Math.max(1, sft.warmupSteps()), sft.steps());
    int tenth = Math.max(1, sft.steps() / 10);
    Supplier<List<int[]>> batches = LengthBuckets.endless(n -> data.next(n, random),
        sft.batchSize(), s -> s.length, random);
    double first = 0;
    double last = 0;
    try (LanguageModelTrainer trainer =
        new LanguageModelTrainer(policy, AdamW.Hyper.defaults(), pad, 1.0)) {
      for (int step = 0; step < sft.steps(); step++) {
        double loss = trainer.step(batches.get(), lr.at(step)).loss();
        if (step < tenth) {
          first += loss / tenth;
        }
        if (step >= sft.steps() - tenth) {
          last += loss / tenth;
        }
        progress.accept(step + 1);
      }
    }
    policy.parameters().setRequiresGradient(false);
    return new Result(sft.steps(), first, last, ticker.secondsSince(start));
  }
}

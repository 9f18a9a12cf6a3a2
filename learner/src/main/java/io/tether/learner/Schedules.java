package io.tether.learner;

import io.tether.core.config.OptimizerConfig;
import io.tether.core.train.LearningRateSchedule;

/** The learning-rate schedule an {@link OptimizerConfig} asks for. */
final class Schedules {
  private Schedules() {}

  static LearningRateSchedule of(OptimizerConfig o, long totalSteps) {
    long warmup = Math.max(1, o.warmupSteps());
    return switch (o.schedule()) {
      case CONSTANT -> LearningRateSchedule.warmupConstant(o.lr(), warmup);
      case LINEAR -> LearningRateSchedule.warmupLinear(o.lr(), warmup, totalSteps);
      case COSINE -> LearningRateSchedule.warmupCosine(o.lr(), warmup, totalSteps);
    };
  }
}

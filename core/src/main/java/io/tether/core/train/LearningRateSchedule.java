package io.tether.core.train;

/** A learning rate as a function of the step number (0-based). */
@FunctionalInterface
public interface LearningRateSchedule {
  double at(long step);

  /** Constant {@code peak} after a linear warm-up of {@code warmup} steps. */
  static LearningRateSchedule warmupConstant(double peak, long warmup) {
    return step -> step < warmup ? peak * (step + 1) / warmup : peak;
  }

  /** Linear warm-up, then linear decay to 0 at {@code total}. */
  static LearningRateSchedule warmupLinear(double peak, long warmup, long total) {
    return step -> {
      if (step < warmup) {
        return peak * (step + 1) / warmup;
      }
      double left = Math.max(0, total - step) / (double) Math.max(1, total - warmup);
      return peak * left;
    };
  }

  /** Linear warm-up, then cosine decay to 10% of peak at {@code total}. */
  static LearningRateSchedule warmupCosine(double peak, long warmup, long total) {
    return step -> {
      if (step < warmup) {
        return peak * (step + 1) / warmup;
      }
      double progress = Math.min(1.0, (step - warmup) / (double) Math.max(1, total - warmup));
      return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    };
  }
}

package io.tether.learner;

import io.tether.core.config.KlConfig;

/**
 * The KL coefficient beta of {@code R = r_RM - beta * KL}, and how it moves. KL is measured in
 * nats per sequence (sum over response tokens, mean over sequences).
 */
public sealed interface KlController permits KlController.Fixed, KlController.Adaptive {

  /** The current beta. */
  double coef();

  /** Updates beta after an iteration that observed {@code klPerSequence} over {@code samples}. */
  void update(double klPerSequence, long samples);

  /** Restores beta (from a checkpoint). */
  void restore(double coef);

  /** The controller the config asks for, from {@link KlConfig#startCoef()}. */
  static KlController of(KlConfig config) {
    return switch (config.controller()) {
      case FIXED -> new Fixed(config.startCoef());
      case ADAPTIVE -> new Adaptive(config.startCoef(), config.target(), config.horizon());
    };
  }

  /** beta never changes. */
  final class Fixed implements KlController {
    private double coef;

    public Fixed(double coef) {
      this.coef = coef;
    }

    @Override
    public double coef() {
      return coef;
    }

    @Override
    public void update(double klPerSequence, long samples) {}

    @Override
    public void restore(double value) {
      coef = value;
    }
  }

  /**
   * Ziegler et al. 2019: e = clip(KL / target - 1, -0.2, 0.2); beta <- beta * (1 + e * samples /
   * horizon). beta rises when KL is above target and falls when below.
   */
  final class Adaptive implements KlController {
    private static final double ERROR_CLIP = 0.2;
    private final double target;
    private final double horizon;
    private double coef;

    public Adaptive(double initCoef, double target, double horizon) {
      if (!(target > 0) || !(horizon > 0)) {
        throw new IllegalArgumentException("target and horizon must be > 0");
      }
      this.coef = initCoef;
      this.target = target;
      this.horizon = horizon;
    }

    @Override
    public double coef() {
      return coef;
    }

    @Override
    public void update(double klPerSequence, long samples) {
      if (!Double.isFinite(klPerSequence)) {
        throw new IllegalArgumentException("non-finite KL " + klPerSequence);
      }
      double error = Math.max(-ERROR_CLIP, Math.min(ERROR_CLIP, klPerSequence / target - 1));
      coef *= 1 + error * samples / horizon;
    }

    @Override
    public void restore(double value) {
      coef = value;
    }
  }
}

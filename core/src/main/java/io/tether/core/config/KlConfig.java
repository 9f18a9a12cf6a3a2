package io.tether.core.config;

/**
 * The {@code learner.kl} section: the KL penalty toward the reference policy, {@code R = r_RM -
 * beta * KL}.
 *
 * <p>Units: {@code target} is in nats per <em>sequence</em>: the per-token KL estimates are summed
 * over the response tokens, then averaged over sequences (as TRL and Bai et al. 2022 report it).
 * Targets from frameworks that average over tokens are smaller by about the response length.
 *
 * @param controller fixed beta, or adaptive toward {@code target}
 * @param initCoef initial beta, >= 0
 * @param target KL the adaptive controller aims for, in nats per sequence, > 0
 * @param horizon adaptive controller time constant, in samples, >= 1
 * @param estimator per-token KL estimator
 */
public record KlConfig(
    KlControllerKind controller,
    double initCoef,
    double target,
    int horizon,
    KlEstimator estimator) {

  /** Validates every field; see the class description for the rules. */
  public KlConfig {
    Check.present("learner.kl.controller", controller);
    Check.nonNegative("learner.kl.init_coef", initCoef);
    Check.positive("learner.kl.target", target);
    Check.atLeast("learner.kl.horizon", horizon, 1);
    Check.present("learner.kl.estimator", estimator);
  }

  /** Adaptive from beta 0.05 toward 6 nats per sequence over 10000 samples, k1 estimator. */
  public static KlConfig defaults() {
    return new KlConfig(KlControllerKind.ADAPTIVE, 0.05, 6.0, 10000, KlEstimator.K1);
  }
}

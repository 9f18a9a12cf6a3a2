package io.tether.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

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
 * @param estimator per-token KL estimator (in the reward; the loss term is always k3)
 * @param placement in the reward or as a loss term; the YAML key is {@code in}
 * @param lossCoef the starting beta when {@code in} is {@code loss} (the controller then moves
 *     it as it moves {@code init_coef} in the reward), >= 0
 */
public record KlConfig(
    KlControllerKind controller,
    double initCoef,
    double target,
    int horizon,
    KlEstimator estimator,
    @JsonProperty("in") KlPlacement placement,
    double lossCoef) {

  /** Validates every field; see the class description for the rules. */
  public KlConfig {
    Check.present("learner.kl.controller", controller);
    Check.nonNegative("learner.kl.init_coef", initCoef);
    Check.positive("learner.kl.target", target);
    Check.atLeast("learner.kl.horizon", horizon, 1);
    Check.present("learner.kl.estimator", estimator);
    Check.present("learner.kl.in", placement);
    Check.nonNegative("learner.kl.loss_coef", lossCoef);
  }

  /**
   * Adaptive from beta 0.05 toward 6 nats per sequence over 10000 samples, k1 estimator, in the
   * reward (loss coefficient 0.04, GRPO's, when moved to the loss).
   */
  public static KlConfig defaults() {
    return new KlConfig(KlControllerKind.ADAPTIVE, 0.05, 6.0, 10000, KlEstimator.K1,
        KlPlacement.REWARD, 0.04);
  }

  /** This section with the penalty in {@code placement}. */
  public KlConfig in(KlPlacement where) {
    return new KlConfig(controller, initCoef, target, horizon, estimator, where, lossCoef);
  }

  /** The beta the controller starts from: {@code init_coef}, or {@code loss_coef} in the loss. */
  public double startCoef() {
    return placement == KlPlacement.LOSS ? lossCoef : initCoef;
  }
}

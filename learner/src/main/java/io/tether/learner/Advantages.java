package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.Scalars;

/**
 * Steps 1-3 of an iteration, for the whole batch: per-token KL, shaped rewards, GAE and
 * whitening, plus the objective metrics. Computed once, before any update.
 *
 * <p>Whitening scope: the advantages are whitened once, over every real response token of the
 * iteration's batch (as TRL and OpenRLHF do), not per minibatch (as CleanRL's ppo.py does); a
 * minibatch's advantages therefore need not have mean 0.
 *
 * @param advantages (B, A) whitened when configured
 * @param returns (B, A) GAE returns
 * @param klPerSequence mean over sequences of the summed per-token KL of the configured estimator
 *     (nats per sequence): what the penalty uses and what the KL controller is fed
 * @param klK1PerSequence the same with the k1 estimator, for plots comparable across estimators
 * @param nonScoreReward mean over sequences of the summed -beta * KL_t (the configured estimator)
 * @param meanScore mean sequence score
 */
record Advantages(
    NDArray advantages, NDArray returns, double klPerSequence, double klK1PerSequence,
    double nonScoreReward, double meanScore) {

  /** Computes on {@code e}'s arrays; the results live (and are freed) with {@code e}. */
  static Advantages compute(Experience e, NDArray oldValues, double beta, KlEstimator estimator,
      PpoConfig ppo) {
    NDManager m = e.manager();
    DataType f = e.mask().getDataType();
    PpoConstants c = PpoConstants.of(m, f, ppo.clipRange(), ppo.valueClip());
    NDArray mask = e.mask();
    NDArray kl = PpoMath.kl(e.oldLogprobs(), e.refLogprobs(), mask, estimator, c);
    NDArray rewards = PpoMath.rewards(kl, e.last(), e.scores(), Scalars.of(m, beta, f));
    NDList gae = PpoMath.gae(rewards, oldValues, mask, Scalars.of(m, ppo.gamma(), f),
        Scalars.of(m, ppo.gaeLambda(), f));
    NDArray adv = ppo.whitenAdvantages() ? PpoMath.whiten(gae.get(0), mask, c) : gae.get(0);
    double klSeq = sum(kl) / e.size();
    double klK1 = estimator == KlEstimator.K1 ? klSeq
        : sum(PpoMath.kl(e.oldLogprobs(), e.refLogprobs(), mask, KlEstimator.K1, c)) / e.size();
    return new Advantages(adv, gae.get(1), klSeq, klK1, -beta * klSeq, e.meanScore());
  }

  private static double sum(NDArray x) {
    return x.sum().toType(DataType.FLOAT32, false).getFloat();
  }
}

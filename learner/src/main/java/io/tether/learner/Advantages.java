package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.KlPlacement;
import io.tether.core.config.LearnerConfig;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.Scalars;

/**
 * Steps 1-3 of an iteration, for the whole batch: per-token KL, then the advantages of the
 * configured estimator, plus the objective metrics. Computed once, before any update.
 *
 * <ul>
 *   <li>{@code gae}: shaped rewards, GAE with the critic's values and (when configured)
 *       whitening. Whitening scope: once, over every real response token of the iteration's batch
 *       (as TRL and OpenRLHF do), not per minibatch (as CleanRL's ppo.py does); a minibatch's
 *       advantages therefore need not have mean 0.
 *   <li>{@code grpo}, {@code rloo}: the group baseline of {@link GroupAdvantages} on each
 *       sequence's score, spread over its tokens by {@link PpoMath#sequenceAdvantages}; no
 *       critic, no returns, no whitening (the group statistics are the normalisation).
 * </ul>
 *
 * <p>With {@code learner.kl.in: loss} the reward carries no KL term (beta 0 here); the learner
 * adds the k3 loss term instead.
 *
 * @param advantages (B, A)
 * @param returns (B, A) GAE returns; null without a critic
 * @param klPerSequence mean over sequences of the summed per-token KL of the configured estimator
 *     (nats per sequence): what the penalty uses and what the KL controller is fed
 * @param klK1PerSequence the same with the k1 estimator, for plots comparable across estimators
 * @param nonScoreReward mean over sequences of the summed -beta * KL_t (the configured estimator),
 *     wherever the penalty acts: the KL part of the regularised objective
 * @param meanScore mean sequence score
 * @param flatGroups share of prompts whose samples all scored the same (no signal in a group
 *     baseline); NaN with a critic
 */
record Advantages(
    NDArray advantages, NDArray returns, double klPerSequence, double klK1PerSequence,
    double nonScoreReward, double meanScore, double flatGroups) {

  /**
   * Computes on {@code e}'s arrays; the results live (and are freed) with {@code e}.
   *
   * @param oldValues the critic's values before the update; null without a critic
   */
  static Advantages compute(Experience e, NDArray oldValues, double beta, LearnerConfig config) {
    NDManager m = e.manager();
    DataType f = e.mask().getDataType();
    PpoConfig ppo = config.ppo();
    KlEstimator estimator = config.kl().estimator();
    PpoConstants c = PpoConstants.of(m, f, ppo.clipRange(), ppo.valueClip());
    NDArray mask = e.mask();
    NDArray kl = PpoMath.kl(e.oldLogprobs(), e.refLogprobs(), mask, estimator, c);
    NDArray rewardBeta =
        Scalars.of(m, config.kl().placement() == KlPlacement.REWARD ? beta : 0, f);
    NDArray adv;
    NDArray returns = null;
    double flat = Double.NaN;
    if (config.advantage().usesCritic()) {
      NDArray rewards = PpoMath.rewards(kl, e.last(), e.scores(), rewardBeta);
      NDList gae = PpoMath.gae(rewards, oldValues, mask, Scalars.of(m, ppo.gamma(), f),
          Scalars.of(m, ppo.gaeLambda(), f));
      adv = ppo.whitenAdvantages() ? PpoMath.whiten(gae.get(0), mask, c) : gae.get(0);
      returns = gae.get(1);
    } else {
      double[] seq = GroupAdvantages.compute(e.promptIds(), e.hostScores(), config.advantage(),
          config.groupStd());
      NDArray sequence = Scalars.owned(m.create(seq, new Shape(seq.length))).toType(f, false);
      adv = PpoMath.sequenceAdvantages(sequence, kl, mask, rewardBeta);
      flat = GroupAdvantages.flatShare(e.promptIds(), e.hostScores());
    }
    double klSeq = sum(kl) / e.size();
    double klK1 = estimator == KlEstimator.K1 ? klSeq
        : sum(PpoMath.kl(e.oldLogprobs(), e.refLogprobs(), mask, KlEstimator.K1, c)) / e.size();
    return new Advantages(adv, returns, klSeq, klK1, -beta * klSeq, e.meanScore(), flat);
  }

  private static double sum(NDArray x) {
    return x.sum().toType(DataType.FLOAT32, false).getFloat();
  }
}

package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.Scalars;
import java.util.stream.IntStream;

/**
 * Steps 1-3 of an iteration, for the whole batch: per-token KL, shaped rewards, GAE and
 * whitening, plus the objective metrics. Computed once, before any update.
 *
 * <p>Whitening scope: the advantages are whitened once, over every real response token of the
 * iteration's batch (as TRL and OpenRLHF do), not per minibatch (as CleanRL's ppo.py does); a
 * minibatch's advantages therefore need not have mean 0.
 *
 * @param advantages (B * A) whitened when configured
 * @param returns (B * A) GAE returns
 * @param klPerSequence mean over sequences of the summed per-token KL of the configured estimator
 *     (nats per sequence): what the penalty uses and what the KL controller is fed
 * @param klK1PerSequence the same with the k1 estimator, for plots comparable across estimators
 * @param nonScoreReward mean over sequences of the summed -beta * KL_t (the configured estimator)
 * @param meanScore mean sequence score
 */
record Advantages(
    float[] advantages, float[] returns, double klPerSequence, double klK1PerSequence,
    double nonScoreReward, double meanScore) {

  static Advantages compute(NDManager parent, Experience e, float[] oldValues, double beta,
      KlEstimator estimator, PpoConfig ppo, PpoConstants c) {
    try (NDManager m = parent.newSubManager()) {
      int[] all = IntStream.range(0, e.size()).toArray();
      DataType f = DataType.FLOAT32;
      NDArray mask = Minibatch.take(m, e.mask(), all, e.width(), f);
      NDArray old = Minibatch.take(m, e.oldLogprobs(), all, e.width(), f);
      NDArray ref = Minibatch.take(m, e.refLogprobs(), all, e.width(), f);
      NDArray last = Minibatch.take(m, e.last(), all, e.width(), f);
      NDArray values = Minibatch.take(m, oldValues, all, e.width(), f);
      NDArray scores = Scalars.owned(m.create(e.scores(), new Shape(e.size())));
      NDArray betaArr = Scalars.of(m, beta, f);
      NDArray kl = PpoMath.kl(old, ref, mask, estimator, c);
      NDArray rewards = PpoMath.rewards(kl, last, scores, betaArr);
      NDList gae = PpoMath.gae(rewards, values, mask,
          Scalars.of(m, ppo.gamma(), f), Scalars.of(m, ppo.gaeLambda(), f));
      NDArray adv = ppo.whitenAdvantages() ? PpoMath.whiten(gae.get(0), mask, c) : gae.get(0);
      double klSeq = kl.sum().getFloat() / e.size();
      double klK1 = PpoMath.kl(old, ref, mask, KlEstimator.K1, c).sum().getFloat() / e.size();
      return new Advantages(adv.toFloatArray(), gae.get(1).toFloatArray(), klSeq, klK1,
          -beta * klSeq, scores.mean().getFloat());
    }
  }
}

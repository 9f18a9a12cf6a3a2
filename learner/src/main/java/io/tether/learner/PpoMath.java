package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.tether.core.config.KlEstimator;

/**
 * The PPO-with-KL-penalty math, in paper order, as pure functions on NDArrays. No I/O, no Spark.
 *
 * <p>Shapes: B sequences, A response-token columns (response token i of a row in column i,
 * left-aligned); {@code mask} (B, A) is 1 on real response tokens and 0 after a row's end. Every
 * masked quantity is zero on masked positions, and nothing on a masked position changes a real
 * one. All constants come from {@link PpoConstants} (natively allocated).
 */
public final class PpoMath {
  private PpoMath() {}

  /**
   * Per-token KL estimate of KL(pi || pi_ref) from sampled tokens, with d = log pi - log pi_ref:
   * k1 = d, k2 = d^2 / 2, k3 = exp(-d) - 1 + d. Summed over a response, k1 is the usual
   * sequence-level estimate (unbiased; can be negative per token).
   *
   * @param logp (B, A) log pi(a_t | s_t)
   * @param refLogp (B, A) log pi_ref(a_t | s_t)
   * @return (B, A), zero on masked positions
   */
  public static NDArray kl(NDArray logp, NDArray refLogp, NDArray mask, KlEstimator estimator,
      PpoConstants c) {
    NDArray d = logp.sub(refLogp);
    NDArray k = switch (estimator) {
      case K1 -> d;
      case K2 -> d.square().mul(c.half());
      case K3 -> d.neg().exp().sub(c.one()).add(d);
    };
    return k.mul(mask);
  }

  /**
   * Shaped per-token reward: r_t = -beta * KL_t on every response token, plus the sequence score
   * on the last real response token (never on padding).
   *
   * @param kl (B, A) per-token KL, zero on masked positions
   * @param last (B, A) 1 at each row's last real response token, else 0
   * @param scores (B) reward-model scores (already clipped/penalised as configured)
   * @param beta 0-d KL coefficient
   * @return (B, A)
   */
  public static NDArray rewards(NDArray kl, NDArray last, NDArray scores, NDArray beta) {
    return kl.mul(beta).neg().add(last.mul(scores.expandDims(1)));
  }

  /**
   * Generalised advantage estimation over response tokens, the episode ending after each row's
   * last real token: delta_t = r_t + gamma * V_{t+1} * m_{t+1} - V_t, A_t = delta_t + gamma *
   * lambda * m_{t+1} * A_{t+1}; returns R_t = A_t + V_t. Both are zero on masked positions.
   *
   * @param rewards (B, A)
   * @param values (B, A) V(s_t) of the critic before the update
   * @param gamma 0-d discount
   * @param lambda 0-d GAE lambda
   * @return advantages (B, A) and returns (B, A)
   */
  public static NDList gae(NDArray rewards, NDArray values, NDArray mask, NDArray gamma,
      NDArray lambda) {
    long a = rewards.getShape().get(1);
    NDArray r = rewards.mul(mask);
    NDArray v = values.mul(mask);
    NDArray nextValue = v.get(":, 0").zerosLike();
    NDArray nextAdvantage = nextValue.zerosLike();
    NDArray nextMask = nextValue.zerosLike();
    NDArray[] columns = new NDArray[(int) a];
    NDArray gammaLambda = gamma.mul(lambda);
    for (long t = a - 1; t >= 0; t--) {
      NDArray m = mask.get(":, {}", t);
      NDArray delta = r.get(":, {}", t).add(gamma.mul(nextValue).mul(nextMask))
          .sub(v.get(":, {}", t));
      NDArray adv = delta.add(gammaLambda.mul(nextMask).mul(nextAdvantage)).mul(m);
      columns[(int) t] = adv;
      nextValue = v.get(":, {}", t);
      nextAdvantage = adv;
      nextMask = m;
    }
    NDArray advantages = NDArrays.stack(new NDList(columns), 1);
    return new NDList(advantages, advantages.add(v).mul(mask));
  }

  /**
   * Per-token advantages of a critic-free estimator: the sequence's advantage on every response
   * token, minus beta times the KL still to come, A_t = A_seq - beta * sum_{s >= t} KL_s (the
   * return of the KL-shaped reward with gamma 1, so the penalty of a token only weighs on it and
   * on earlier tokens). With beta 0 every token of a row gets A_seq.
   *
   * @param sequence (B) sequence-level advantages
   * @param kl (B, A) per-token KL, zero on masked positions
   * @param beta 0-d coefficient (0 when the KL is a loss term)
   * @return (B, A), zero on masked positions
   */
  public static NDArray sequenceAdvantages(NDArray sequence, NDArray kl, NDArray mask,
      NDArray beta) {
    NDArray toGo = kl.flip(1).cumSum(1).flip(1);
    return sequence.expandDims(1).sub(toGo.mul(beta)).mul(mask);
  }

  /** Masked mean: sum(x * mask) / sum(mask), a 0-d array. */
  public static NDArray maskedMean(NDArray x, NDArray mask) {
    return x.mul(mask).sum().div(mask.sum());
  }

  /** Masked (biased) variance around the masked mean. */
  public static NDArray maskedVariance(NDArray x, NDArray mask) {
    NDArray centred = x.sub(maskedMean(x, mask)).mul(mask);
    return centred.square().sum().div(mask.sum());
  }

  /** (x - mean) / sqrt(var + 1e-8) over real positions; zero on masked positions. */
  public static NDArray whiten(NDArray x, NDArray mask, PpoConstants c) {
    NDArray mean = maskedMean(x, mask);
    NDArray std = maskedVariance(x, mask).add(c.epsilon()).sqrt();
    return x.sub(mean).div(std).mul(mask);
  }

  /**
   * Clipped surrogate policy loss with rho = exp(logp - oldLogp): mean over real tokens of
   * max(-A * rho, -A * clip(rho, 1 - eps, 1 + eps)), i.e. -min(rho * A, clip(rho) * A).
   *
   * @return loss (0-d), clip fraction (0-d: share of tokens where the clipped term is taken),
   *     approx KL (0-d: mean of (logp - oldLogp)^2 / 2), ratio (B, A)
   */
  public static NDList policyLoss(NDArray logp, NDArray oldLogp, NDArray advantages,
      NDArray mask, PpoConstants c) {
    NDArray logRatio = logp.sub(oldLogp);
    NDArray ratio = logRatio.exp();
    NDArray unclipped = advantages.neg().mul(ratio);
    NDArray clipped = advantages.neg().mul(ratio.maximum(c.ratioLow()).minimum(c.ratioHigh()));
    NDArray loss = maskedMean(unclipped.maximum(clipped), mask);
    NDArray clipFrac = maskedMean(clipped.gt(unclipped).toType(mask.getDataType(), false), mask);
    NDArray approxKl = maskedMean(logRatio.square(), mask).mul(c.half());
    return new NDList(loss, clipFrac, approxKl, ratio);
  }

  /**
   * Clipped value loss: 0.5 * mean over real tokens of max((V - R)^2, (clip(V, V_old +- eps_v)
   * - R)^2).
   *
   * @return loss (0-d), value clip fraction (0-d)
   */
  public static NDList valueLoss(NDArray values, NDArray oldValues, NDArray returns,
      NDArray mask, PpoConstants c) {
    NDArray clippedValues =
        oldValues.add(values.sub(oldValues).maximum(c.valueLow()).minimum(c.valueHigh()));
    NDArray unclippedLoss = values.sub(returns).square();
    NDArray clippedLoss = clippedValues.sub(returns).square();
    NDArray loss = maskedMean(unclippedLoss.maximum(clippedLoss), mask).mul(c.half());
    NDArray clipFrac =
        maskedMean(clippedLoss.gt(unclippedLoss).toType(mask.getDataType(), false), mask);
    return new NDList(loss, clipFrac);
  }

  /**
   * Entropy of the temperature-scaled policy at each position: -sum_v p log p.
   *
   * @param logProbs (..., V) log-softmax output
   * @return (...)
   */
  public static NDArray entropy(NDArray logProbs) {
    return logProbs.exp().mul(logProbs).sum(new int[] {-1}).neg();
  }

  /** 1 - Var(R - V) / Var(R) over real positions (1 = perfect critic, 0 = constant). */
  public static double explainedVariance(NDArray values, NDArray returns, NDArray mask) {
    double varReturns = maskedVariance(returns, mask).toType(
        ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    double varResidual = maskedVariance(returns.sub(values), mask).toType(
        ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    return varReturns == 0 ? Double.NaN : 1 - varResidual / varReturns;
  }
}

package io.tether.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.KlPlacement;
import io.tether.core.config.LearnerConfig;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.DjlRuntime;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.Scalars;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.Gradients;
import io.tether.core.time.Ticker;
import io.tether.core.train.AdamW;
import io.tether.core.train.LearningRateSchedule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The PPO update of one iteration: values from the critic, per-token KL, shaped rewards, GAE and
 * whitened advantages (steps 1-3, {@link Advantages}), then {@code ppo.epochs} passes over
 * shuffled minibatches with the clipped policy and value losses, gradient accumulation, global
 * gradient-norm clipping per model and AdamW (step 4), then the KL controller (step 5).
 *
 * <p>Without a critic ({@code learner.advantage} {@code grpo} or {@code rloo}) the advantages
 * come from group baselines, and there is no value pass, value loss or critic optimizer. With
 * {@code learner.kl.in: loss} the policy loss gains {@code beta * mean_t k3_t} of the current
 * policy against the reference, beta fixed for the iteration.
 *
 * <p>Owns the JVM's gradient collector while it runs. A NaN or infinity anywhere stops the update
 * with a {@link NonFiniteException} before the optimizer step that would have used it; the caller
 * must then not publish the policy (its weights may hold earlier minibatches' updates).
 */
public final class PpoLearner implements AutoCloseable {
  private final GptModel policy;
  private final GptModel critic;
  private final LearnerConfig config;
  private final double temperature;
  private final int pad;
  private final long seed;
  private final AdamW policyOptimizer;
  private final AdamW criticOptimizer;
  private final LearningRateSchedule schedule;
  private final KlController kl;
  private final Ticker ticker;

  /**
   * @param critic the value model; null exactly when {@code config.advantage()} has no critic
   * @param temperature the rollout's sampling temperature (log-probs are of logits / T)
   * @param totalOptimizerSteps for decaying schedules: iterations * epochs * minibatches
   */
  public PpoLearner(GptModel policy, GptModel critic, LearnerConfig config, double temperature,
      int pad, long seed, long totalOptimizerSteps, Ticker ticker) {
    this.policy = policy;
    this.critic = critic;
    this.config = config;
    this.temperature = temperature;
    this.pad = pad;
    this.seed = seed;
    if ((critic == null) == config.advantage().usesCritic()) {
      throw new IllegalArgumentException("learner.advantage " + config.advantage()
          + (critic == null ? " needs a critic and none was given" : " has no critic, one was given"));
    }
    var o = config.optimizer();
    AdamW.Hyper hyper = new AdamW.Hyper(o.beta1(), o.beta2(), o.eps(), o.weightDecay());
    policy.parameters().setRequiresGradient(true);
    this.policyOptimizer = new AdamW(policy.parameters(), hyper, policy.manager());
    if (critic != null) {
      critic.parameters().setRequiresGradient(true);
      this.criticOptimizer = new AdamW(critic.parameters(), hyper, critic.manager());
    } else {
      this.criticOptimizer = null;
    }
    this.schedule = Schedules.of(o, totalOptimizerSteps);
    this.kl = KlController.of(config.kl());
    this.ticker = ticker;
  }

  public KlController klController() {
    return kl;
  }

  public AdamW policyOptimizer() {
    return policyOptimizer;
  }

  /** The critic's optimizer; null without a critic. */
  public AdamW criticOptimizer() {
    return criticOptimizer;
  }

  /** Whether this learner trains a critic. */
  public boolean hasCritic() {
    return critic != null;
  }

  /** Runs one iteration's update on {@code rollouts} and returns its metrics. */
  public Map<String, Double> update(List<ScoredRollout> rollouts, long iteration) {
    long start = ticker.nanos();
    try (Experience e = Experience.of(policy.manager(), rollouts, pad, policy.dtype())) {
      NDArray oldValues = critic == null ? null : oldValues(e);
      PpoConfig ppo = config.ppo();
      double beta = kl.coef();
      Advantages adv = Advantages.compute(e, oldValues, beta, config);
      UpdateStats stats = new UpdateStats(critic != null, lossBeta(beta) > 0);
      for (int epoch = 0; epoch < ppo.epochs(); epoch++) {
        int[] order = shuffled(e.size(), iteration, epoch);
        for (int from = 0; from < order.length; from += ppo.minibatchSize()) {
          int to = Math.min(order.length, from + ppo.minibatchSize());
          String where = "iteration " + iteration + ", epoch " + epoch + ", minibatch "
              + from / ppo.minibatchSize();
          step(e, adv, oldValues, Arrays.copyOfRange(order, from, to), stats, where, beta);
        }
      }
      kl.update(adv.klPerSequence(), e.size());
      double seconds = ticker.secondsSince(start);
      return metrics(e, adv, beta, stats, seconds, oldValues);
    }
  }

  /**
   * V(s_t) of the critic before any update, (B, A) in the experience's manager, zero on masked
   * positions, in minibatch-sized chunks; a non-finite value stops the update naming its rollout.
   */
  private NDArray oldValues(Experience e) {
    int chunk = config.ppo().minibatchSize();
    NDList parts = new NDList();
    try (GradMode g = GradMode.off()) {
      for (int from = 0; from < e.size(); from += chunk) {
        int[] rows = IntStream.range(from, Math.min(e.size(), from + chunk)).toArray();
        try (NDManager m = critic.manager().newSubManager()) {
          Minibatch mb = Minibatch.forward(m, e, rows);
          NDArray v = ResponseForward.values(critic, mb).mul(mb.mask());
          v.attach(e.manager());
          parts.add(v);
        }
      }
    }
    NDArray values = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    requireFinite(e, values.toType(DataType.FLOAT32, false).toFloatArray(),
        "critic value V(s_t)");
    return values;
  }

  private static void requireFinite(Experience e, float[] perToken, String what) {
    for (int i = 0; i < perToken.length; i++) {
      if (!Float.isFinite(perToken[i])) {
        throw new NonFiniteException(what + " is " + perToken[i] + " for " + e.describe(i / e.width())
            + " token " + i % e.width() + "; the update was not run");
      }
    }
  }

  /**
   * One optimizer step on {@code rows}, split into gradient-accumulation micro-batches. Each
   * micro-batch's token-mean losses are weighted by its share of the step's response tokens, so
   * the accumulated gradient is that of the token mean over the whole minibatch whatever
   * {@code grad_accum_steps} is (a plain 1 / steps weighting would not be when lengths differ).
   */
  private void step(Experience e, Advantages adv, NDArray oldValues, int[] rows,
      UpdateStats stats, String where, double beta) {
    PpoConfig ppo = config.ppo();
    int micros = Math.min(ppo.gradAccumSteps(), rows.length);
    long stepTokens = responseTokens(e, rows);
    Gradients.zero(policy.parameters());
    if (critic != null) {
      Gradients.zero(critic.parameters());
    }
    try (NDManager m = policy.manager().newSubManager();
        GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
      PpoConstants c = PpoConstants.of(m, policy.dtype(), ppo.clipRange(), ppo.valueClip());
      LossWeights w = LossWeights.of(m, policy.dtype(), ppo, temperature, lossBeta(beta));
      for (int k = 0; k < micros; k++) {
        int[] part = slice(rows, k, micros);
        Minibatch mb = Minibatch.of(m, e, part, adv.advantages(), adv.returns(), oldValues);
        NDArray share =
            Scalars.of(m, responseTokens(e, part) / (double) stepTokens, policy.dtype());
        collector.backward(microLoss(mb, c, w, stats, where).mul(share));
      }
    }
    double policyNorm = finiteNorm(Gradients.globalNorm(policy.parameters()), "policy", where);
    double criticNorm = critic == null ? Double.NaN
        : finiteNorm(Gradients.globalNorm(critic.parameters()), "critic", where);
    double lr = schedule.at(policyOptimizer.steps());
    policyOptimizer.step(lr, clipScale(policyNorm));
    if (critic != null) {
      criticOptimizer.step(lr, clipScale(criticNorm));
    }
    stats.addStep(lr, policyNorm, criticNorm);
  }

  private static long responseTokens(Experience e, int[] rows) {
    long n = 0;
    for (int r : rows) {
      n += e.length(r);
    }
    return n;
  }

  private NDArray microLoss(Minibatch mb, PpoConstants c, LossWeights w,
      UpdateStats stats, String where) {
    NDList pol = ResponseForward.policy(policy, mb, w.invTemperature());
    NDList pl = PpoMath.policyLoss(pol.get(0), mb.oldLogprobs(), mb.advantages(), mb.mask(), c);
    NDArray entropy = PpoMath.maskedMean(pol.get(1), mb.mask());
    double policyLoss = finite(pl.get(0), "loss/policy", where);
    if (stats.firstRatioDeviation() < 0) {
      stats.setFirstRatioDeviation(
          pl.get(3).sub(c.one()).abs().mul(mb.mask()).max().toType(
              DataType.FLOAT64, false).getDouble());
    }
    stats.addMicro(policyLoss, scalar(pl.get(1)), scalar(pl.get(2)), scalar(entropy),
        mb.tokens());
    NDArray loss = pl.get(0).sub(entropy.mul(w.entCoef()));
    if (w.klCoef() != null) {
      NDArray k3 = PpoMath.maskedMean(
          PpoMath.kl(pol.get(0), mb.refLogprobs(), mb.mask(), KlEstimator.K3, c), mb.mask());
      stats.addKlLoss(finite(k3, "loss/kl", where));
      loss = loss.add(k3.mul(w.klCoef()));
    }
    if (critic != null) {
      NDArray values = ResponseForward.values(critic, mb);
      NDList vl = PpoMath.valueLoss(values, mb.oldValues(), mb.returns(), mb.mask(), c);
      stats.addValue(finite(vl.get(0), "loss/value", where), scalar(vl.get(1)));
      loss = loss.add(vl.get(0).mul(w.vfCoef()));
    }
    return loss;
  }

  /** The coefficient of the k3 loss term: beta when the KL is in the loss, else 0. */
  private double lossBeta(double beta) {
    return config.kl().placement() == KlPlacement.LOSS ? beta : 0;
  }

  private double clipScale(double norm) {
    double max = config.ppo().maxGradNorm();
    return norm > max ? max / norm : 1.0;
  }

  private static double scalar(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }

  private static double finite(NDArray a, String what, String where) {
    double v = scalar(a);
    if (!Double.isFinite(v)) {
      throw new NonFiniteException(what + " is " + v + " at " + where
          + "; the update was stopped before the optimizer step");
    }
    return v;
  }

  private static double finiteNorm(double norm, String model, String where) {
    if (!Double.isFinite(norm)) {
      throw new NonFiniteException(model + " gradient norm is " + norm + " at " + where
          + "; the update was stopped before the optimizer step");
    }
    return norm;
  }

  /** A permutation of 0..n-1 that depends only on (seed, iteration, epoch): resumable. */
  private int[] shuffled(int n, long iteration, int epoch) {
    SplittableRandom r = new SplittableRandom(seed ^ (iteration * 0x9E3779B97F4A7C15L) ^ epoch);
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int[] slice(int[] rows, int k, int parts) {
    int from = rows.length * k / parts;
    int to = rows.length * (k + 1) / parts;
    return Arrays.copyOfRange(rows, from, to);
  }

  private Map<String, Double> metrics(Experience e, Advantages adv, double beta,
      UpdateStats s, double seconds, NDArray oldValues) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(MetricNames.SCORES, adv.meanScore());
    out.put(MetricNames.KL, adv.klPerSequence());
    out.put(MetricNames.KL_K1, adv.klK1PerSequence());
    out.put(MetricNames.SQRT_KL, Math.sqrt(Math.max(0, adv.klPerSequence())));
    out.put(MetricNames.KL_COEF, beta);
    out.put(MetricNames.NON_SCORE_REWARD, adv.nonScoreReward());
    out.put(MetricNames.RLHF_REWARD, adv.meanScore() + adv.nonScoreReward());
    if (critic == null) {
      out.put(MetricNames.FLAT_GROUPS, adv.flatGroups());
    }
    s.putAverages(out);
    if (critic != null) {
      // the critic's values before the update against the GAE returns
      out.put(MetricNames.EXPLAINED_VARIANCE,
          PpoMath.explainedVariance(oldValues, adv.returns(), e.mask()));
    }
    out.put(MetricNames.RESPONSE_LENGTH, e.responseTokens() / (double) e.size());
    out.put(MetricNames.FINISHED_FRACTION, e.finishedFraction());
    out.put(MetricNames.TIME_LEARNER, seconds);
    out.put(MetricNames.TOKENS_PER_SECOND_LEARNER, s.tokens() / Math.max(seconds, 1e-9));
    return out;
  }

  @Override
  public void close() {
    policyOptimizer.close();
    if (criticOptimizer != null) {
      criticOptimizer.close();
    }
  }

  /**
   * The natively allocated loss weights of one minibatch; {@code klCoef} null when there is no
   * KL loss term.
   */
  private record LossWeights(NDArray vfCoef, NDArray entCoef, NDArray invTemperature,
      NDArray klCoef) {
    static LossWeights of(NDManager m, DataType dtype, PpoConfig ppo, double temperature,
        double klCoef) {
      return new LossWeights(Scalars.of(m, ppo.vfCoef(), dtype), Scalars.of(m, ppo.entCoef(), dtype),
          Scalars.of(m, 1.0 / temperature, dtype),
          klCoef > 0 ? Scalars.of(m, klCoef, dtype) : null);
    }
  }
}

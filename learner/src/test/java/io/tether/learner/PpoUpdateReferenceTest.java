package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.config.AdvantageKind;
import io.tether.core.config.CriticInit;
import io.tether.core.config.KlConfig;
import io.tether.core.config.KlControllerKind;
import io.tether.core.config.KlEstimator;
import io.tether.core.config.KlPlacement;
import io.tether.core.config.LearnerConfig;
import io.tether.core.config.LearnerDevice;
import io.tether.core.config.LrSchedule;
import io.tether.core.config.OptimizerConfig;
import io.tether.core.config.PpoConfig;
import io.tether.core.djl.GradMode;
import io.tether.core.djl.NdArrays;
import io.tether.core.generate.SamplingParams;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ScoreNormalization;
import io.tether.core.model.TokenBatch;
import io.tether.core.time.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole learner updates checked against values the test computes on its own, in double: the k3
 * penalty and what the KL controller receives, a critic initialised from a normalised reward
 * model, whole-batch whitening, the entropy bonus, and gradient accumulation.
 */
class PpoUpdateReferenceTest {
  private static final ModelSpec SPEC = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);
  private static final SamplingParams SAMPLING = new SamplingParams(1.0, 0, 1.0, 8, true);
  private static final double GAMMA = 1.0;
  private static final double LAMBDA = 0.95;

  private static LearnerConfig config(int minibatch, int accum, double lr, double entCoef,
      KlConfig kl) {
    return new LearnerConfig(LearnerDevice.CPU, CriticInit.REWARD_MODEL, AdvantageKind.GAE, true,
        new PpoConfig(1, minibatch, accum, 0.2, 0.2, GAMMA, LAMBDA, 0.1, entCoef, 1e9, true),
        kl, new OptimizerConfig(lr, 0.0, 0.9, 0.95, 1e-8, 0, LrSchedule.CONSTANT));
  }

  /** Per-position outputs of {@code model} over one sequence: values or LM logits, in double. */
  private static double[][] forward(GptModel model, int[] seq, boolean logits) {
    try (GradMode g = GradMode.off(); NDManager m = model.manager().newSubManager()) {
      var hidden = model.hidden(ModelInputs.of(m, TokenBatch.rightPadded(List.of(seq), 0),
          DataType.FLOAT32));
      float[] out = (logits ? model.logits(hidden) : model.values(hidden)).toFloatArray();
      int width = out.length / seq.length;
      double[][] rows = new double[seq.length][width];
      for (int p = 0; p < seq.length; p++) {
        for (int v = 0; v < width; v++) {
          rows[p][v] = out[p * width + v];
        }
      }
      return rows;
    }
  }

  private static int[] sequence(Rollout r) {
    int[] s = Arrays.copyOf(r.promptTokens(), r.promptTokens().length + r.responseLength());
    System.arraycopy(r.responseTokens(), 0, s, r.promptTokens().length, r.responseLength());
    return s;
  }

  /** V(s_t) of a critic made from {@code rm} and {@code norm}: the normalised RM head, in double. */
  private static double[][] criticValues(GptModel rm, ScoreNormalization norm,
      List<ScoredRollout> rows) {
    double[][] v = new double[rows.size()][];
    for (int i = 0; i < v.length; i++) {
      Rollout r = rows.get(i).rollout();
      double[][] head = forward(rm, sequence(r), false);
      v[i] = new double[r.responseLength()];
      for (int t = 0; t < v[i].length; t++) {
        v[i][t] = (head[r.promptTokens().length - 1 + t][0] - norm.shift()) / norm.scale();
      }
    }
    return v;
  }

  /** Mean over rows of the mean over each row's tokens of the policy's entropy, in double. */
  private static double meanEntropy(GptModel policy, List<ScoredRollout> rows) {
    double sum = 0;
    for (ScoredRollout s : rows) {
      Rollout r = s.rollout();
      double[][] logits = forward(policy, sequence(r), true);
      double row = 0;
      for (int t = 0; t < r.responseLength(); t++) {
        double[] z = logits[r.promptTokens().length - 1 + t];
        double max = Arrays.stream(z).max().orElseThrow();
        double norm = 0;
        for (double x : z) {
          norm += Math.exp(x - max);
        }
        double h = 0;
        for (double x : z) {
          double logp = x - max - Math.log(norm);
          h -= Math.exp(logp) * logp;
        }
        row += h / r.responseLength();
      }
      sum += row / rows.size();
    }
    return sum;
  }

  @Test
  void aK3UpdateWithARewardModelCriticMatchesTheDoubleReference() {
    ScoreNormalization norm = new ScoreNormalization(-0.15, 0.4);
    KlConfig kl = new KlConfig(KlControllerKind.ADAPTIVE, 0.2, 1.0, 50, KlEstimator.K3, KlPlacement.REWARD, 0.04);
    try (GptModel policy = GptModel.create(SPEC, 7);
        GptModel reference = GptModel.create(SPEC, 8);
        GptModel rm = GptModel.create(SPEC.withHead(HeadKind.REWARD), 9);
        GptModel critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm, norm, 3);
        // lr 1e-9: every minibatch sees the iteration's starting weights up to 1e-9
        PpoLearner learner = new PpoLearner(policy, critic, config(1, 1, 1e-9, 0.01, kl), 1.0,
            ToyTask.PAD, 5, 100, Ticker.SYSTEM)) {
      List<ScoredRollout> rows =
          uneven(ToyTask.rollouts(policy, reference, ToyTask.prompts(10, 3), SAMPLING, 0, 0), 2);
      double[][] values = criticValues(rm, norm, rows);
      AdvantagesTest.Reference ref = AdvantagesTest.Reference.of(rows, values, KlEstimator.K3,
          0.2, GAMMA, LAMBDA, true);
      double entropy = meanEntropy(policy, rows);
      Map<String, Double> metrics = learner.update(rows, 0);

      assertEquals(ref.kl(), metrics.get(MetricNames.KL), 1e-4, "k3 KL per sequence");
      assertEquals(ref.klK1(), metrics.get(MetricNames.KL_K1), 1e-4, "k1 KL per sequence");
      assertTrue(Math.abs(ref.kl() - ref.klK1()) > 0.05, "k1 and k3 must differ here: " + ref);
      KlController expected = new KlController.Adaptive(0.2, 1.0, 50);
      expected.update(ref.kl(), rows.size());
      assertEquals(expected.coef(), learner.klController().coef(), 1e-9,
          "the controller must be fed the k3 figure");
      // minibatches of one row: each loss is that row's token mean, averaged over rows
      double valueLoss = 0;
      double policyLoss = 0;
      for (int i = 0; i < rows.size(); i++) {
        int n = values[i].length;
        for (int t = 0; t < n; t++) {
          double err = values[i][t] - ref.returns()[i][t];
          valueLoss += 0.5 * err * err / n / rows.size();
          policyLoss -= ref.advantages()[i][t] / n / rows.size();
        }
      }
      assertEquals(valueLoss, metrics.get(MetricNames.LOSS_VALUE), 1e-3 * Math.max(1, valueLoss),
          "value loss of the normalised reward-model critic against the GAE returns");
      assertTrue(Math.abs(policyLoss) > 0.01, "whole-batch whitening leaves rows off zero");
      assertEquals(policyLoss, metrics.get(MetricNames.LOSS_POLICY), 1e-3,
          "policy loss at ratio 1 with advantages whitened over the whole batch");
      assertEquals(entropy, metrics.get(MetricNames.ENTROPY), 1e-3, "policy entropy");
    }
  }

  /** The rollouts with responses cut to 1..length tokens: unequal lengths. */
  private static List<ScoredRollout> uneven(List<ScoredRollout> rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ScoredRollout> out = new ArrayList<>();
    for (ScoredRollout s : rows) {
      Rollout o = s.rollout();
      int n = 1 + r.nextInt(o.responseLength());
      out.add(new ScoredRollout(new Rollout(o.promptId(), o.promptTokens(), o.sampleIndex(),
          o.policyVersion(), Arrays.copyOf(o.responseTokens(), n), Arrays.copyOf(o.logprobs(), n),
          Arrays.copyOf(o.refLogprobs(), n), false), s.score(), null));
    }
    return out;
  }

  private static Map<String, Double> oneStep(List<ScoredRollout> rows, int accum) {
    KlConfig kl = new KlConfig(KlControllerKind.FIXED, 0.1, 1.0, 50, KlEstimator.K3, KlPlacement.REWARD, 0.04);
    try (GptModel policy = GptModel.create(SPEC, 17);
        GptModel rm = GptModel.create(SPEC.withHead(HeadKind.REWARD), 19);
        GptModel critic = Critics.create(CriticInit.REWARD_MODEL, policy, rm,
            ScoreNormalization.identity(), 3);
        PpoLearner learner = new PpoLearner(policy, critic,
            config(rows.size(), accum, 1e-3, 0.01, kl), 1.0, ToyTask.PAD, 5, 100,
            Ticker.SYSTEM)) {
      return learner.update(rows, 0);
    }
  }

  @Test
  void gradientAccumulationGivesTheGradientOfTheWholeMinibatch() {
    List<ScoredRollout> rows;
    try (GptModel policy = GptModel.create(SPEC, 17);
        GptModel reference = GptModel.create(SPEC, 18)) {
      rows = uneven(ToyTask.rollouts(policy, reference, ToyTask.prompts(9, 4), SAMPLING, 0, 0), 6);
    }
    Map<String, Double> whole = oneStep(rows, 1);
    Map<String, Double> accumulated = oneStep(rows, 3);
    for (String norm : List.of(MetricNames.GRAD_NORM_POLICY, MetricNames.GRAD_NORM_VALUE)) {
      assertEquals(whole.get(norm), accumulated.get(norm), 1e-4 * whole.get(norm),
          norm + " with 3 micro-batches of unequal token counts");
    }
  }

  @Test
  void theEntropyBonusRaisesEntropyWhenAdvantagesAreZero() {
    double[] after = new double[2];
    double before = 0;
    for (int run = 0; run < 2; run++) {
      double entCoef = run == 0 ? 0.0 : 0.05;
      KlConfig kl = new KlConfig(KlControllerKind.FIXED, 0.0, 1.0, 50, KlEstimator.K1, KlPlacement.REWARD, 0.04);
      try (GptModel policy = GptModel.create(SPEC, 27);
          GptModel critic = PpoLearnerTest.criticFrom(policy);
          PpoLearner learner = new PpoLearner(policy, critic, config(8, 1, 1e-3, entCoef, kl),
              1.0, ToyTask.PAD, 5, 100, Ticker.SYSTEM)) {
        zeroHead(critic);
        List<ScoredRollout> rows = new ArrayList<>();
        for (ScoredRollout s :
            ToyTask.rollouts(policy, policy, ToyTask.prompts(8, 5), SAMPLING, 0, 0)) {
          rows.add(new ScoredRollout(s.rollout(), 0f, null)); // score 0, beta 0, V 0: A = 0
        }
        before = meanEntropy(policy, rows);
        learner.update(rows, 0);
        after[run] = meanEntropy(policy, rows);
      }
    }
    assertEquals(before, after[0], 1e-6, "no advantage and no bonus: the policy must not move");
    assertTrue(after[1] > before + 1e-4, "the bonus must raise entropy: " + before + " -> "
        + after[1]);
  }

  private static void zeroHead(GptModel critic) {
    for (String name : List.of("head.weight", "head.bias")) {
      var p = critic.parameters().get(name);
      NdArrays.assign(p, p.zerosLike());
    }
  }
}

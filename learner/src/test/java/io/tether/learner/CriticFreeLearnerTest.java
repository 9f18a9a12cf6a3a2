package io.tether.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointStore;
import io.tether.core.checkpoint.Role;
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
import io.tether.core.generate.SamplingParams;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.time.Ticker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner with group baselines and no critic, on the toy digit task. */
class CriticFreeLearnerTest {
  private static final ModelSpec SPEC = ModelSpec.of(ModelPreset.TINY, 259, HeadKind.LM);
  private static final SamplingParams SAMPLING = new SamplingParams(1.0, 0, 1.0, 12, false);
  private static final Set<String> CRITIC_METRICS = Set.of(MetricNames.LOSS_VALUE,
      MetricNames.VALUE_CLIPFRAC, MetricNames.EXPLAINED_VARIANCE, MetricNames.GRAD_NORM_VALUE);

  @TempDir Path dir;

  static LearnerConfig config(AdvantageKind kind, boolean std, KlPlacement in, double beta,
      double lr) {
    return new LearnerConfig(LearnerDevice.CPU, CriticInit.POLICY, kind, std,
        new PpoConfig(2, 8, 1, 0.2, 0.2, 1.0, 0.95, 0.1, 0.0, 1.0, true),
        new KlConfig(KlControllerKind.FIXED, beta, 6.0, 10_000, KlEstimator.K1, in, beta),
        new OptimizerConfig(lr, 0.0, 0.9, 0.95, 1e-8, 0, LrSchedule.CONSTANT));
  }

  /** Start and end digit fraction of 30 iterations of 8 prompts x 4 samples. */
  private static double[] learn(AdvantageKind kind, boolean std, long seed) {
    try (GptModel policy = GptModel.create(SPEC, seed);
        GptModel reference = GptModel.create(SPEC, seed);
        PpoLearner learner = new PpoLearner(policy, null,
            config(kind, std, KlPlacement.REWARD, 0.02, 2e-3), 1.0, ToyTask.PAD, 5, 1000,
            Ticker.SYSTEM)) {
      List<int[]> prompts = ToyTask.prompts(8, 3);
      List<Double> scores = new ArrayList<>();
      for (int it = 0; it < 30; it++) {
        Map<String, Double> m = learner.update(
            ToyTask.groupRollouts(policy, reference, prompts, 4, SAMPLING, it), it);
        scores.add(m.get(MetricNames.SCORES));
        double flat = m.get(MetricNames.FLAT_GROUPS);
        assertTrue(flat >= 0 && flat <= 1, "objective/flat_groups " + flat);
        for (String k : CRITIC_METRICS) {
          assertFalse(m.containsKey(k), k + " reported without a critic: " + m);
        }
      }
      assertNull(learner.criticOptimizer());
      double start = (scores.get(0) + scores.get(1)) / 2;
      double end = (scores.get(27) + scores.get(28) + scores.get(29)) / 3;
      System.out.printf("toy %s (std %b): digit fraction %.3f -> %.3f%n", kind, std, start, end);
      return new double[] {start, end};
    }
  }

  @Test
  void grpoRaisesTheToyRewardWithoutACritic() {
    double[] r = learn(AdvantageKind.GRPO, true, 7);
    assertTrue(r[0] < 0.1, "an untrained model rarely emits digits: " + r[0]);
    assertTrue(r[1] > 0.5, "GRPO should make digits the majority: " + r[1]);
  }

  @Test
  void rlooAndDrGrpoRaiseItToo() {
    for (AdvantageKind kind : new AdvantageKind[] {AdvantageKind.RLOO, AdvantageKind.GRPO}) {
      double[] r = learn(kind, false, 8);
      // unscaled advantages of fraction-valued scores are small: slower than GRPO at this lr
      assertTrue(r[1] > r[0] + 0.2, kind + ": " + r[0] + " -> " + r[1]);
    }
  }

  /**
   * GRPO on the digit task with the KL as a k3 loss term: with coefficient 1 the policy ends much
   * nearer the reference than with coefficient 0, and the term is reported only when present.
   */
  @Test
  void theKlLossTermHoldsThePolicyNearTheReference() {
    double[] kl = new double[2];
    for (int k = 0; k < 2; k++) {
      try (GptModel policy = GptModel.create(SPEC, 7);
          GptModel reference = GptModel.create(SPEC, 7);
          PpoLearner learner = new PpoLearner(policy, null,
              config(AdvantageKind.GRPO, true, KlPlacement.LOSS, k, 2e-3), 1.0, ToyTask.PAD, 5,
              1000, Ticker.SYSTEM)) {
        List<int[]> prompts = ToyTask.prompts(8, 3);
        Map<String, Double> m = Map.of();
        for (int it = 0; it < 20; it++) {
          m = learner.update(ToyTask.groupRollouts(policy, reference, prompts, 4, SAMPLING, it),
              it);
          assertEquals(k > 0, m.containsKey(MetricNames.LOSS_KL), m.toString());
        }
        kl[k] = m.get(MetricNames.KL_K1);
        System.out.printf("GRPO, KL loss coefficient %d: final KL %.3f nats per sequence, digit"
            + " fraction %.3f%n", k, kl[k], m.get(MetricNames.SCORES));
      }
    }
    assertTrue(kl[1] < 0.5 * kl[0], "coefficient 1 should at least halve the drift: " + kl[1]
        + " against " + kl[0] + " without the term");
  }

  @Test
  void aCriticIsRefusedWhereTheEstimatorHasNoneAndRequiredWhereItHas() {
    try (GptModel policy = GptModel.create(SPEC, 1);
        GptModel critic = PpoLearnerTest.criticFrom(policy)) {
      assertThrows(IllegalArgumentException.class, () -> new PpoLearner(policy, critic,
          config(AdvantageKind.RLOO, true, KlPlacement.REWARD, 0.1, 1e-3), 1.0, 258, 1, 10,
          Ticker.SYSTEM));
      assertThrows(IllegalArgumentException.class, () -> new PpoLearner(policy, null,
          config(AdvantageKind.GAE, true, KlPlacement.REWARD, 0.1, 1e-3), 1.0, 258, 1, 10,
          Ticker.SYSTEM));
    }
  }

  /** The state goes to role learner, nothing to role critic, and a resumed learner gets it back. */
  @Test
  void withoutACriticTheLearnerStateIsPublishedAloneAndRestored() {
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString());
    LearnerConfig c = config(AdvantageKind.GRPO, true, KlPlacement.REWARD, 0.1, 1e-3);
    try (GptModel policy = GptModel.create(SPEC, 3);
        GptModel reference = GptModel.create(SPEC, 3);
        PpoLearner learner = new PpoLearner(policy, null, c, 1.0, ToyTask.PAD, 1, 10,
            Ticker.SYSTEM)) {
      learner.update(ToyTask.groupRollouts(policy, reference, ToyTask.prompts(4, 1), 2, SAMPLING,
          0), 0);
      Publisher.publish(store, 1, policy, null, learner);
      assertEquals(List.of(), store.versions(Role.CRITIC));
      assertEquals(1, Publisher.resumeVersion(store, false).getAsLong());
      Checkpoint state = store.open(Role.LEARNER, 1);
      assertEquals(Set.of(LearnerState.STATE_FILE, LearnerState.POLICY_OPTIMIZER),
          state.files());
      try (PpoLearner resumed = new PpoLearner(policy, null, c, 1.0, ToyTask.PAD, 1, 10,
          Ticker.SYSTEM)) {
        assertEquals(1, LearnerState.restore(state, resumed).nextIteration());
        assertEquals(learner.policyOptimizer().steps(), resumed.policyOptimizer().steps());
        assertTrue(resumed.policyOptimizer().steps() > 0);
      }
    }
  }
}

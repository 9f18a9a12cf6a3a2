package io.tether.deploy.bench;

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
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelPreset;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ResponseBatch;
import io.tether.core.model.TokenLogprobs;
import io.tether.core.time.Ticker;
import io.tether.learner.PpoLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of the learner stage itself: PPO updates (critic values, advantages, epochs of policy
 * + critic forward/backward and two AdamW steps per minibatch) of a fresh policy and critic on one
 * batch of synthetic rollouts, timed as often as asked. The vocabulary is a parameter because the
 * LM head is the largest product of a pass with the GPT-2 vocabulary; the advantage estimator is
 * one because {@code grpo} and {@code rloo} have no critic to run. The rollouts come in groups of
 * four samples per prompt, whatever the estimator, so every estimator updates on the same batch.
 */
final class PpoUpdateThroughput implements AutoCloseable {
  private final String scenario;
  private final double tokensPerUpdate;
  private final GptModel policy;
  private final GptModel critic;
  private final PpoLearner learner;
  private final List<ScoredRollout> batch;
  private long iteration;
  /** Samples per prompt of the synthetic batch. */
  private static final int GROUP = 4;

  /** {@code rollouts} of {@code promptLength + responseLength} tokens, {@code epochs} each. */
  PpoUpdateThroughput(ModelPreset preset, int vocab, int rollouts, int promptLength,
      int responseLength, int epochs) {
    this(preset, vocab, rollouts, promptLength, responseLength, epochs, AdvantageKind.GAE);
  }

  /** As above with the advantage estimator {@code advantage} (named in the scenario). */
  PpoUpdateThroughput(ModelPreset preset, int vocab, int rollouts, int promptLength,
      int responseLength, int epochs, AdvantageKind advantage) {
    this(preset.name().toLowerCase(Locale.ROOT) + " v" + vocab
            + (advantage == AdvantageKind.GAE ? "" : " " + advantage.name().toLowerCase(Locale.ROOT)),
        ModelSpec.of(preset, vocab, HeadKind.LM), rollouts, promptLength, responseLength, epochs,
        advantage);
  }

  /** As above for the model of {@code spec}, named {@code name} in the scenario. */
  PpoUpdateThroughput(String name, ModelSpec spec, int rollouts, int promptLength,
      int responseLength, int epochs) {
    this(name, spec, rollouts, promptLength, responseLength, epochs, AdvantageKind.GAE);
  }

  private PpoUpdateThroughput(String name, ModelSpec spec, int rollouts, int promptLength,
      int responseLength, int epochs, AdvantageKind advantage) {
    scenario = String.format(Locale.ROOT, "%s %dx(%d+%d) e%d", name, rollouts, promptLength,
        responseLength, epochs);
    tokensPerUpdate = (double) rollouts * (promptLength + responseLength) * epochs;
    policy = GptModel.create(spec, 1);
    critic = advantage.usesCritic() ? GptModel.create(spec.withHead(HeadKind.VALUE), 2) : null;
    learner = new PpoLearner(policy, critic, config(epochs, advantage), 1.0,
        spec.vocabSize() - 1, 3, 1000, Ticker.SYSTEM);
    batch = rollouts(policy, rollouts, promptLength, responseLength);
  }

  /** A short name for tables, e.g. {@code small v259 16x(48+24) e2}. */
  String scenario() {
    return scenario;
  }

  /** The policy's shape. */
  ModelSpec spec() {
    return policy.spec();
  }

  /** Prompt + response tokens of one update, summed over epochs. */
  double tokensPerUpdate() {
    return tokensPerUpdate;
  }

  /** The learner's own time for one more update on the batch. */
  double seconds() {
    return learner.update(batch, iteration++).get(MetricNames.TIME_LEARNER);
  }

  @Override
  public void close() {
    try (policy; critic; learner) {
      // the learner first, then the models it updates
    }
  }

  private static LearnerConfig config(int epochs, AdvantageKind advantage) {
    return new LearnerConfig(LearnerDevice.CPU, CriticInit.POLICY, advantage, true,
        new PpoConfig(epochs, 16, 1, 0.2, 0.2, 1.0, 0.95, 0.1, 0.0, 1.0, true),
        new KlConfig(KlControllerKind.FIXED, 0.05, 6.0, 10_000, KlEstimator.K1, KlPlacement.REWARD, 0.04),
        new OptimizerConfig(1e-5, 0.0, 0.9, 0.95, 1e-8, 0, LrSchedule.CONSTANT));
  }

  /** Random tokens (below the last three ids); behaviour and reference log-probs the policy's. */
  private static List<ScoredRollout> rollouts(GptModel policy, int n, int promptLength,
      int responseLength) {
    int ids = policy.spec().vocabSize() - 3;
    SplittableRandom r = new SplittableRandom(7);
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      prompts.add(r.ints(promptLength, 0, ids).toArray());
      responses.add(r.ints(responseLength, 0, ids).toArray());
    }
    List<float[]> logprobs = TokenLogprobs.of(policy,
        ResponseBatch.of(prompts, responses, policy.spec().vocabSize() - 1), 1.0);
    List<ScoredRollout> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Rollout ro = new Rollout(i / GROUP, prompts.get(i), i % GROUP, 0, responses.get(i),
          logprobs.get(i), logprobs.get(i), false);
      out.add(new ScoredRollout(ro, (float) r.nextGaussian(), null));
    }
    return out;
  }
}

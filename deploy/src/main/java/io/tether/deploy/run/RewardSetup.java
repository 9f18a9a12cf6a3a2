package io.tether.deploy.run;

import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.CheckpointException;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.RewardConfig;
import io.tether.core.config.RewardMode;
import io.tether.core.config.TetherConfig;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelFormatException;
import io.tether.core.model.ModelSpec;
import io.tether.core.model.ModelStore;
import io.tether.core.progress.Progress;
import io.tether.core.task.SftRunner;
import io.tether.reward.GoldReward;
import io.tether.reward.PreferenceFiles;
import io.tether.reward.PreferencePair;
import io.tether.reward.RewardModel;
import io.tether.reward.RewardTrainer;
import io.tether.reward.RolloutScorer;
import io.tether.reward.SimulatedAnnotator;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.TaskHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reward-model step of a run's set-up (checkpoint role {@code reward}, version 0), one of:
 * <ul>
 *   <li>{@code reward.mode: remote}: the service scores; nothing is trained. A {@code
 *       reward.checkpoint} (the model the service serves) is kept for the critic to start from.
 *   <li>{@code reward.checkpoint}: that model, its score normalisation refitted on the initial
 *       policy's samples when {@code reward.normalize} is on.
 *   <li>otherwise a Bradley-Terry model trained from the initial policy on {@code
 *       data.preferences}, or on pairs of the policy's samples labelled by the default task's
 *       simulated annotator, normalised on those samples.
 * </ul>
 */
final class RewardSetup {
  private RewardSetup() {}

  /** Whether the run already has what this step makes. */
  static boolean done(RunContext ctx) {
    RewardConfig r = ctx.config().reward();
    boolean nothingToKeep = r.mode() == RewardMode.REMOTE && r.checkpoint().isEmpty();
    return nothingToKeep || !ctx.store().versions(Role.REWARD).isEmpty();
  }

  static SetupResult run(RunContext ctx, Task task, SftRunner.Result sft) {
    RewardConfig r = ctx.config().reward();
    SetupResult none = new SetupResult(task.description(), "", sft.firstLoss(), sft.lastLoss(),
        sft.seconds(), Double.NaN, 0, Double.NaN, Double.NaN, 0);
    if (r.mode() == RewardMode.REMOTE) {
      String serves = "";
      if (!r.checkpoint().isEmpty()) {
        try (RewardModel rm = existing(ctx)) {
          keep(ctx, rm);
        }
        serves = " serving " + r.checkpoint();
      }
      ctx.out().println("reward model: none trained; rollouts are scored by the service at "
          + r.host() + ":" + r.port() + serves);
      return none.withScorer("reward service " + r.host() + ":" + r.port() + serves);
    }
    if (!r.checkpoint().isEmpty()) {
      try (RewardModel rm = existing(ctx)) {
        if (r.normalize()) { // samples only to fit the normalisation
          normalize(ctx, rm, samples(ctx, task));
        }
        keep(ctx, rm);
      }
      ctx.out().println("reward model: " + r.checkpoint() + " (not trained by this run)");
      return none.withScorer("reward model " + r.checkpoint());
    }
    return train(ctx, task, sft, samples(ctx, task)).withScorer(
        "reward model trained by this run (" + ctx.store().uri(Role.REWARD, 0) + ")");
  }

  /** {@code reward.checkpoint}, checked against the run's tokenizer and context. */
  private static RewardModel existing(RunContext ctx) {
    String uri = ctx.config().reward().checkpoint();
    RewardModel rm;
    try {
      rm = RewardModel.read(CheckpointPaths.open(ctx.hadoop(), uri, Role.REWARD),
          ctx.tokenizer().pad());
    } catch (CheckpointException | ModelFormatException e) {
      throw new ConfigException("reward.checkpoint", "reward.checkpoint " + uri + ": "
          + e.getMessage());
    }
    ModelSpec s = rm.model().spec();
    ModelSpec p = ctx.policySpec();
    if (s.vocabSize() != p.vocabSize() || s.contextLength() < p.contextLength()) {
      rm.close();
      throw new ConfigException("reward.checkpoint", "reward.checkpoint " + uri + ": a model"
          + " of vocabulary " + s.vocabSize() + " and context " + s.contextLength() + " cannot"
          + " score this run's sequences (model.tokenizer vocabulary " + p.vocabSize()
          + ", context " + p.contextLength() + ")");
    }
    return rm;
  }

  private static void keep(RunContext ctx, RewardModel rm) {
    try (CheckpointWriter w = ctx.store().begin(Role.REWARD, 0)) {
      rm.write(w);
      w.commit();
    }
  }

  private static void normalize(RunContext ctx, RewardModel rm, List<Rollout> samples) {
    if (ctx.config().reward().normalize()) {
      RolloutScorer.normalizeOn(rm, samples, ctx.tokenizer().eos(),
          ctx.config().reward().batchSize());
    }
  }

  private static SetupResult train(RunContext ctx, Task task, SftRunner.Result sft,
      List<Rollout> sftRollouts) {
    TetherConfig c = ctx.config();
    Labelled labelled = pairs(ctx, task, sftRollouts);
    List<PreferencePair> pairs = labelled.pairs();
    int heldout = Math.max(1, (int) Math.round(pairs.size() * c.data().heldoutFraction()));
    List<PreferencePair> train = pairs.subList(0, pairs.size() - heldout);
    List<PreferencePair> test = pairs.subList(pairs.size() - heldout, pairs.size());
    long start = ctx.ticker().nanos();
    try (GptModel sftModel = ModelStore.read(ctx.store().open(Role.REFERENCE, 0),
            DataType.FLOAT32, null);
        RewardModel rm = new RewardModel(
            GptModel.create(ctx.policySpec().withHead(HeadKind.REWARD), c.run().seed() + 1),
            ctx.tokenizer().pad());
        Progress bar = Progress.stderr("reward model", "steps", c.reward().train().steps())) {
      rm.model().parameters().copyFrom(sftModel.parameters(), n -> !n.startsWith("head."));
      RewardTrainer trainer = new RewardTrainer(rm, ctx.tokenizer());
      RewardTrainer.Result r = trainer.train(train, test, c.reward().train(), c.run().seed(),
          s -> bar.advance(1), ctx.ticker());
      normalize(ctx, rm, sftRollouts);
      keep(ctx, rm);
      ctx.out().printf("reward model: %d pairs (%s), held-out accuracy %.1f%% (%d pairs),"
          + " margin %.2f%n", pairs.size(), labelled.source(), 100 * r.heldout().accuracy(),
          r.heldout().pairs(), r.heldout().meanMargin());
      return new SetupResult(task.description(), "", sft.firstLoss(), sft.lastLoss(),
          sft.seconds(), labelled.agreement(), pairs.size(), r.heldout().accuracy(),
          r.heldout().meanMargin(), ctx.ticker().secondsSince(start));
    }
  }

  /** Preference pairs, where they came from, and the annotator's agreement with gold (or NaN). */
  private record Labelled(List<PreferencePair> pairs, String source, double agreement) {}

  private static Labelled pairs(RunContext ctx, Task task, List<Rollout> sftRollouts) {
    TetherConfig c = ctx.config();
    if (!c.data().preferences().isEmpty()) {
      List<PreferencePair> read = PreferenceFiles.read(ctx.hadoop(), c.data().preferences(),
          c.data().badLines()).records();
      if (read.size() < 2) {
        throw new ConfigException("data.preferences", c.data().preferences() + ": "
            + read.size() + " usable preference pairs; the reward model needs at least 2");
      }
      return new Labelled(read, "from " + c.data().preferences(), Double.NaN);
    }
    GoldReward gold = task.gold().orElseThrow(() -> new ConfigException("data.preferences",
        "data.preferences is empty and the task has no simulated annotator: give preference"
            + " pairs, a reward.checkpoint, or reward.mode: remote"));
    SimulatedAnnotator annotator =
        new SimulatedAnnotator(gold::score, c.reward().train().annotatorTau(), c.run().seed());
    List<String> texts = new ArrayList<>(sftRollouts.size());
    sftRollouts.forEach(r -> texts.add(text(ctx, r)));
    List<PreferencePair> pairs = label(ctx, texts, annotator, gold);
    return new Labelled(pairs, String.format(Locale.ROOT, "annotator agrees with gold on %.1f%%",
        100 * annotator.agreement()), annotator.agreement());
  }

  /**
   * Two samples of the initial policy (prompt + continuation) for each of {@code
   * reward.train.pairs} of the task's sample prompts: the annotator compares their texts, and
   * the reward model's score normalisation is fitted on them as the rollout scorer reads them
   * (mean 0, std 1 over the initial policy's samples).
   */
  private static List<Rollout> samples(RunContext ctx, Task task) {
    TetherConfig c = ctx.config();
    var prompts = PromptSampler.sample(task.samplePrompts(), c.reward().train().pairs(),
        c.run().seed(), -1);
    RolloutRequest req = ctx.rolloutRequest(ctx.ref(Role.REFERENCE, 0), -1, 2);
    return ctx.rolloutStage().generate(req, prompts, c.spark().partitions(), TaskHook.NONE).rows();
  }

  /**
   * Labels consecutive samples (the two continuations of one prompt) with the annotator. Pairs
   * the gold reward cannot tell apart (equal scores: most pairs of short continuations without a
   * lexicon word) are left out, as a human annotator's "no preference" would be; labelling them
   * would only add coin flips to the reward model's training and held-out data.
   */
  private static List<PreferencePair> label(RunContext ctx, List<String> samples,
      SimulatedAnnotator annotator, GoldReward gold) {
    List<PreferencePair> pairs = new ArrayList<>();
    int ties = 0;
    for (int i = 0; i + 1 < samples.size(); i += 2) {
      String a = samples.get(i);
      String b = samples.get(i + 1);
      if (gold.score(a) == gold.score(b)) {
        ties++;
        continue;
      }
      pairs.add(annotator.label(a, b));
    }
    ctx.out().printf("preferences: %d labelled pairs, %d ties under the gold reward left out%n",
        pairs.size(), ties);
    if (pairs.size() < 2) {
      throw new IllegalStateException("only " + pairs.size() + " preference pairs could be"
          + " labelled; raise reward.train.pairs or rollout.max_new_tokens");
    }
    PreferenceFiles.write(ctx.layout().preferences(), pairs);
    return pairs;
  }

  private static String text(RunContext ctx, Rollout r) {
    return ctx.tokenizer().decode(r.promptTokens()) + ctx.tokenizer().decode(r.responseTokens());
  }
}

package io.tether.deploy.run;

import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointException;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigException;
import io.tether.core.config.RewardConfig;
import io.tether.core.config.RewardMode;
import io.tether.core.config.RewardPooling;
import io.tether.core.config.TetherConfig;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelFormatException;
import io.tether.reward.RewardCheckpoints;
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
import java.util.Arrays;
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
    boolean nothingToKeep = r.mode() == RewardMode.RULE
        || (r.mode() == RewardMode.REMOTE && r.checkpoint().isEmpty());
    return nothingToKeep || !ctx.store().versions(Role.REWARD).isEmpty();
  }

  static SetupResult run(RunContext ctx, Task task, SftRunner.Result sft) {
    RewardConfig r = ctx.config().reward();
    SetupResult none = new SetupResult(task.description(), "", sft.firstLoss(), sft.lastLoss(),
        sft.seconds(), Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0);
    if (r.mode() == RewardMode.RULE) {
      String rules = String.join(" + ", RuleScorers.describe(r));
      ctx.out().println("reward model: none (reward.mode: rule); score = " + rules);
      return none.withScorer("rules: " + rules);
    }
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
    String rules = r.effectiveRules().isEmpty() ? ""
        : " + " + String.join(" + ", RuleScorers.describe(r));
    return train(ctx, task, sft, samples(ctx, task)).withScorer(
        "reward model trained by this run (" + ctx.store().uri(Role.REWARD, 0) + ")" + rules);
  }

  /** {@code reward.checkpoint}, checked against the run's tokenizer and context. */
  private static RewardModel existing(RunContext ctx) {
    String uri = ctx.config().reward().checkpoint();
    RewardModel rm;
    try {
      if (RewardCheckpoints.isHfDirectory(ctx.hadoop(), uri)) {
        return hfReward(ctx, uri);
      }
      Checkpoint ck = CheckpointPaths.open(ctx.hadoop(), uri, Role.REWARD);
      RunTokenizer.requireSame(ctx, ck, "reward.checkpoint");
      rm = RewardModel.read(ck, ctx.tokenizer().pad());
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

  /** A Hugging Face classifier, which must use the run's (pretrained) tokenizer. */
  private static RewardModel hfReward(RunContext ctx, String uri) {
    RewardCheckpoints.HfReward hf = RewardCheckpoints.hf(ctx.hadoop(), uri);
    boolean same = ctx.tokenizer() instanceof io.tether.core.tokenizer.HfTokenizer mine
        && hf.tokenizer() instanceof io.tether.core.tokenizer.HfTokenizer theirs
        && mine.json().equals(theirs.json());
    if (!same) {
      hf.model().close();
      throw new ConfigException("reward.checkpoint", "reward.checkpoint " + uri + ": its"
          + " tokenizer.json is not the policy's; a Hugging Face reward model needs a run whose"
          + " model.pretrained has the same tokenizer");
    }
    return hf.model();
  }

  private static void keep(RunContext ctx, RewardModel rm) {
    try (CheckpointWriter w = ctx.store().begin(Role.REWARD, 0)) {
      rm.write(w);
      w.commit();
    }
  }

  private static void normalize(RunContext ctx, RewardModel rm, List<Rollout> samples) {
    if (ctx.config().reward().normalize()) {
      RolloutScorer.normalizeOn(rm, samples, ctx.tokenizer().stopTokens(),
          ctx.config().reward().batchSize());
    }
  }

  private static SetupResult train(RunContext ctx, Task task, SftRunner.Result sft,
      List<Rollout> sftRollouts) {
    TetherConfig c = ctx.config();
    Labelled labelled = pairs(ctx, task, sftRollouts);
    long start = ctx.ticker().nanos();
    try (GptModel sftModel = ModelStore.read(ctx.store().open(Role.REFERENCE, 0),
            DataType.FLOAT32, null);
        RewardModel rm = new RewardModel(GptModel.create(spec(ctx), c.run().seed() + 1),
            ctx.tokenizer().pad());
        Progress bar = Progress.stderr("reward model", "steps", c.reward().train().steps())) {
      rm.model().parameters().copyFrom(sftModel.parameters(), n -> !n.startsWith("head."));
      if (rm.model().spec().nLayer() < sftModel.spec().nLayer()) {
        ctx.out().printf(Locale.ROOT, "reward model: the SFT policy's lowest %d of %d blocks%n",
            rm.model().spec().nLayer(), sftModel.spec().nLayer());
      }
      RewardTrainer trainer = new RewardTrainer(rm, ctx.tokenizer());
      RewardTrainer.Result r = trainer.train(labelled.train(), labelled.heldout(),
          c.reward().train(), c.run().seed(), s -> bar.advance(1), ctx.ticker());
      double gold = labelled.agreesWithGold().length == 0 ? Double.NaN
          : RewardTrainer.eval(towardGold(r.heldoutMargins(), labelled)).accuracy();
      printByKind(ctx, r.heldoutMargins(), labelled);
      normalize(ctx, rm, sftRollouts);
      keep(ctx, rm);
      int pairs = labelled.train().size() + labelled.heldout().size();
      ctx.out().printf(Locale.ROOT, "reward model: %d pairs (%s), held-out accuracy %.1f%%"
          + " against the labels%s (%d pairs), margin %.2f; loss %.3f -> %.3f%n", pairs,
          labelled.source(), 100 * r.heldout().accuracy(), Double.isNaN(gold) ? ""
              : String.format(Locale.ROOT, ", %.1f%% against gold", 100 * gold),
          r.heldout().pairs(), r.heldout().meanMargin(), r.firstLoss(), r.lastLoss());
      return new SetupResult(task.description(), "", sft.firstLoss(), sft.lastLoss(),
          sft.seconds(), labelled.agreement(), pairs, r.heldout().pairs(),
          r.heldout().accuracy(), gold, r.heldout().meanMargin(),
          ctx.ticker().secondsSince(start));
    }
  }

  /**
   * The reward model's shape: the policy's lowest {@code reward.train.layers} blocks (0: all)
   * under a scalar head of {@code reward.train.pooling}.
   */
  static ModelSpec spec(RunContext ctx) {
    var t = ctx.config().reward().train();
    ModelSpec p = ctx.policySpec();
    if (t.layers() > p.nLayer()) {
      String pretrained = ctx.config().model().pretrained();
      throw new ConfigException("reward.train.layers", "reward.train.layers is " + t.layers()
          + " but the policy" + (pretrained.isEmpty() ? "" : " (" + pretrained + ")") + " has "
          + p.nLayer() + " blocks; the reward model keeps at most all of them (0: all)");
    }
    return p.withLayers(t.layers() == 0 ? p.nLayer() : t.layers()).withHead(
        t.pooling() == RewardPooling.SUM ? HeadKind.REWARD_SUM : HeadKind.REWARD);
  }

  /** Held-out accuracy on each kind of pair, where the held-out pairs are of both kinds. */
  private static void printByKind(RunContext ctx, double[] margins, Labelled labelled) {
    int n = labelled.heldoutSamples();
    if (n == 0 || n == margins.length) {
      return;
    }
    ctx.out().printf(Locale.ROOT, "reward model: held-out accuracy %.1f%% on %d pairs of SFT"
        + " samples, %.1f%% on %d pairs of review sentences%n",
        100 * RewardTrainer.eval(Arrays.copyOfRange(margins, 0, n)).accuracy(), n,
        100 * RewardTrainer.eval(Arrays.copyOfRange(margins, n, margins.length)).accuracy(),
        margins.length - n);
  }

  /** The held-out margins with each pair ordered by gold: negated where the label disagrees. */
  private static double[] towardGold(double[] margins, Labelled labelled) {
    double[] out = new double[margins.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labelled.agreesWithGold()[i] ? margins[i] : -margins[i];
    }
    return out;
  }

  /**
   * Training and held-out preference pairs, where they came from, for each held-out pair whether
   * its label agrees with the gold reward (empty without one), and the annotator's agreement with
   * gold (or NaN).
   */
  private record Labelled(List<PreferencePair> train, List<PreferencePair> heldout,
      int heldoutSamples, boolean[] agreesWithGold, String source, double agreement) {}

  private static Labelled pairs(RunContext ctx, Task task, List<Rollout> sftRollouts) {
    TetherConfig c = ctx.config();
    if (!c.data().preferences().isEmpty()) {
      List<PreferencePair> read = PreferenceFiles.read(ctx.hadoop(), c.data().preferences(),
          c.data().badLines(), ctx.chat()).records();
      if (read.size() < 2) {
        throw new ConfigException("data.preferences", c.data().preferences() + ": "
            + read.size() + " usable preference pairs; the reward model needs at least 2");
      }
      int held = AnnotatedPairs.heldOutCount(read.size(), c.data().heldoutFraction());
      return new Labelled(read.subList(0, read.size() - held),
          read.subList(read.size() - held, read.size()), 0, new boolean[0],
          "from " + c.data().preferences(), Double.NaN);
    }
    GoldReward gold = task.gold().orElseThrow(() -> new ConfigException("data.preferences",
        "data.preferences is empty and the task has no simulated annotator: give preference"
            + " pairs, a reward.checkpoint, or reward.mode: remote"));
    SimulatedAnnotator annotator =
        new SimulatedAnnotator(gold::score, c.reward().train().annotatorTau(), c.run().seed());
    List<String> texts = new ArrayList<>(sftRollouts.size());
    sftRollouts.forEach(r -> texts.add(text(ctx, r)));
    int rounds = c.reward().train().reviewPairs();
    AnnotatedPairs a = AnnotatedPairs.label(texts, task.annotatorTexts(), rounds,
        c.data().heldoutFraction(), annotator, gold, c.run().seed());
    ctx.out().printf("preferences: %d labelled pairs (%d held out) of SFT samples and %d"
        + " corpus review sentences (each in %d pairs), %d gold ties left out%n",
        a.train().size() + a.heldout().size(), a.heldout().size(),
        task.annotatorTexts().size(), rounds, a.ties());
    if (a.train().isEmpty() || a.heldout().isEmpty()) {
      throw new IllegalStateException("only " + a.train().size() + " training and "
          + a.heldout().size() + " held-out preference pairs could be labelled; raise"
          + " reward.train.pairs or rollout.max_new_tokens");
    }
    PreferenceFiles.write(ctx.layout().preferences(), a.all());
    return new Labelled(a.train(), a.heldout(), a.heldoutSamples(), a.heldoutAgreement(gold),
        String.format(
        Locale.ROOT, "annotator agrees with gold on %.1f%%", 100 * annotator.agreement()),
        annotator.agreement());
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

  private static String text(RunContext ctx, Rollout r) {
    return ctx.tokenizer().decode(r.promptTokens()) + ctx.tokenizer().decode(r.responseTokens());
  }
}

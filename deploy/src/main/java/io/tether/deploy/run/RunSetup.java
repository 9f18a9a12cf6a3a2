package io.tether.deploy.run;

import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.core.model.GptModel;
import io.tether.core.model.HeadKind;
import io.tether.core.model.ModelStore;
import io.tether.core.progress.Progress;
import io.tether.core.task.DefaultTaskCorpus;
import io.tether.core.task.PromptMaker;
import io.tether.core.task.SftBatches;
import io.tether.core.task.SftRunner;
import io.tether.reward.GoldReward;
import io.tether.reward.PreferenceFiles;
import io.tether.reward.PreferencePair;
import io.tether.reward.RewardModel;
import io.tether.reward.RewardTrainer;
import io.tether.reward.RolloutScorer;
import io.tether.reward.SimulatedAnnotator;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.PromptSet;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.TaskHook;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's set-up, each step skipped when its checkpoint already exists: SFT of the policy
 * (checkpoint role {@code reference}, version 0), preference pairs of SFT samples labelled by the
 * simulated annotator (or read from {@code data.preferences}), and the reward model trained on
 * them (role {@code reward}, version 0), normalised on the SFT samples.
 */
final class RunSetup {
  private RunSetup() {}

  /** Only the SFT step (tether sft); returns its losses, or NaN when it was already done. */
  static SftRunner.Result sftOnly(RunContext ctx, DefaultTaskCorpus corpus) {
    return sft(ctx, corpus);
  }

  static SetupResult ensure(RunContext ctx, DefaultTaskCorpus corpus) {
    java.nio.file.Path file = ctx.layout().dir().resolve("setup.json");
    if (SetupResult.exists(file) && !ctx.store().versions(Role.REWARD).isEmpty()) {
      return SetupResult.read(file);
    }
    SftRunner.Result sft = sft(ctx, corpus);
    SetupResult r = rewardModel(ctx, corpus, sft);
    r.write(file);
    return r;
  }

  private static SftRunner.Result sft(RunContext ctx, DefaultTaskCorpus corpus) {
    if (!ctx.store().versions(Role.REFERENCE).isEmpty()) {
      return new SftRunner.Result(0, Double.NaN, Double.NaN, 0);
    }
    TetherConfig c = ctx.config();
    int seqLen = c.sft().seqLen() == 0 ? ctx.policySpec().contextLength()
        : Math.min(c.sft().seqLen(), ctx.policySpec().contextLength());
    SftBatches data = new SftBatches(corpus, ctx.tokenizer(), seqLen, 0.9);
    try (GptModel policy = GptModel.create(ctx.policySpec(), c.run().seed());
        Progress bar = Progress.stderr("sft", "steps", c.sft().steps())) {
      SftRunner.Result r = SftRunner.run(policy, data, c.sft(), ctx.tokenizer().pad(),
          c.run().seed(), s -> bar.advance(1), ctx.ticker());
      try (CheckpointWriter w = ctx.store().begin(Role.REFERENCE, 0)) {
        ModelStore.write(w, policy);
        w.commit();
      }
      ctx.out().printf("sft: loss %.3f -> %.3f nats/token in %.0f s%n", r.firstLoss(),
          r.lastLoss(), r.seconds());
      return r;
    }
  }

  private static SetupResult rewardModel(RunContext ctx, DefaultTaskCorpus corpus,
      SftRunner.Result sft) {
    TetherConfig c = ctx.config();
    GoldReward gold = GoldReward.load(ctx.files().sentiment());
    SimulatedAnnotator annotator =
        new SimulatedAnnotator(gold::score, c.reward().train().annotatorTau(), c.run().seed());
    List<Rollout> sftRollouts = sftSamples(ctx, corpus);
    List<String> samples = new ArrayList<>(sftRollouts.size());
    sftRollouts.forEach(r -> samples.add(text(ctx, r)));
    List<PreferencePair> pairs = c.data().preferences().isEmpty()
        ? label(ctx, samples, annotator, gold)
        : PreferenceFiles.read(ctx.hadoop(), c.data().preferences(), c.data().badLines())
            .records();
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
      if (c.reward().normalize()) {
        RolloutScorer.normalizeOn(rm, sftRollouts, ctx.tokenizer().eos(), c.reward().batchSize());
      }
      try (CheckpointWriter w = ctx.store().begin(Role.REWARD, 0)) {
        rm.write(w);
        w.commit();
      }
      String source = c.data().preferences().isEmpty() ? String.format(java.util.Locale.ROOT,
          "annotator agrees with gold on %.1f%%", 100 * annotator.agreement())
          : "from " + c.data().preferences();
      ctx.out().printf("reward model: %d pairs (%s), held-out accuracy %.1f%% (%d pairs),"
          + " margin %.2f%n", pairs.size(), source, 100 * r.heldout().accuracy(),
          r.heldout().pairs(), r.heldout().meanMargin());
      return new SetupResult(sft.firstLoss(), sft.lastLoss(), sft.seconds(),
          annotator.agreement(), pairs.size(), r.heldout().accuracy(), r.heldout().meanMargin(),
          ctx.ticker().secondsSince(start));
    }
  }

  /**
   * Two SFT samples (prompt + continuation) for each of {@code reward.train.pairs}
   * training-review prompts: the annotator compares their texts, and the reward model's score
   * normalisation is fitted on them as the rollout scorer reads them (mean 0, std 1 over the SFT
   * policy's samples).
   */
  private static List<Rollout> sftSamples(RunContext ctx, DefaultTaskCorpus corpus) {
    TetherConfig c = ctx.config();
    PromptSet all = ctx.promptSource().fromTexts(PromptMaker.prompts(corpus.trainReviews(), 2, 5));
    var prompts = PromptSampler.sample(all.prompts(), c.reward().train().pairs(),
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

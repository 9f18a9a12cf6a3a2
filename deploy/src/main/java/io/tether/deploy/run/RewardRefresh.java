package io.tether.deploy.run;

import io.tether.core.checkpoint.CheckpointWriter;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.Labeller;
import io.tether.core.config.RefreshScale;
import io.tether.core.config.RewardConfig;
import io.tether.core.config.RewardTrainConfig;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.ScoreNormalization;
import io.tether.core.progress.Progress;
import io.tether.reward.RewardModel;
import io.tether.reward.RewardTrainer;
import io.tether.reward.RolloutScorer;
import io.tether.reward.SimulatedAnnotator;
import io.tether.reward.labels.Choice;
import io.tether.reward.labels.Comparison;
import io.tether.reward.labels.ComparisonFiles;
import io.tether.reward.labels.LabelFiles;
import io.tether.reward.labels.LabelStudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Iterated online RLHF (Bai et al. 2022): before every {@code reward.refresh_every}-th iteration
 * the current policy's comparisons are labelled, added to the preference data, and the reward
 * model is fine-tuned from its current weights, renormalised on the policy's samples ({@code
 * reward.refresh_scale}) and published as the next version of role {@code reward}; the
 * iterations after it are scored by it.
 *
 * <p>Every step is kept where a resumed run finds it: the pairs and labels under {@code
 * labels/round-NNN/}, the model as a checkpoint version committed last. A run killed anywhere in
 * a refresh redoes what was not committed, and the pairs are drawn from a seeded stream of their
 * own, so the resumed run equals the undisturbed one. With {@code reward.labeller: external} the
 * run writes the pairs and stops ({@link AwaitingLabels}) until {@code tether import-labels}
 * has written the labels.
 */
final class RewardRefresh {
  static final String PAIRS = "pairs.jsonl";
  static final String LABELS = "labels.jsonl";
  static final String STUDIO_TASKS = "label-studio-tasks.json";
  static final String STUDIO_CONFIG = "label-studio-config.xml";

  private RewardRefresh() {}

  /** A refresh round waits for people's labels: the run stops here. */
  static final class AwaitingLabels extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AwaitingLabels(long round, long iteration, Path dir) {
      super(String.format(Locale.ROOT, "iteration %d: reward-model refresh round %d waits for"
          + " labels. Label the pairs of %s (JSON Lines {\"pair_id\", \"choice\": a|b|tie}), or"
          + " import %s into a Label Studio project set up with %s and export its JSON; then"
          + " run: tether import-labels --run %s FILE, and tether resume %s", iteration, round,
          dir.resolve(PAIRS), dir.resolve(STUDIO_TASKS), dir.resolve(STUDIO_CONFIG),
          dir.getParent().getParent(), dir.getParent().getParent()));
    }
  }

  /**
   * Makes the reward model that scores iteration {@code it}, when a refresh falls before it and
   * has not been committed yet.
   *
   * @return the refresh's metrics; empty when none was done now
   * @throws AwaitingLabels when its pairs wait for external labels
   */
  static Map<String, Double> ensure(RunContext ctx, Task task, long it) {
    RewardConfig r = ctx.config().reward();
    long round = r.versionAt(it);
    if (!r.refreshesAt(it) || ctx.store().versions(Role.REWARD).contains(round)) {
      return Map.of();
    }
    long start = ctx.ticker().nanos();
    Path dir = ctx.layout().labelRound(round);
    RefreshPairs sampled = RefreshPairs.sample(ctx, task, it, round);
    if (!Files.exists(dir.resolve(PAIRS))) {
      ComparisonFiles.write(dir.resolve(PAIRS), sampled.pairs());
    }
    List<Comparison> pairs = ComparisonFiles.read(dir.resolve(PAIRS));
    if (!Files.exists(dir.resolve(LABELS))) {
      if (r.labeller() == Labeller.EXTERNAL) {
        awaitLabels(dir, pairs, round, it);
      }
      LabelFiles.write(dir.resolve(LABELS), simulated(ctx, task, pairs, round));
    }
    Map<String, Double> m = fineTune(ctx, sampled, round);
    m.put(MetricNames.REFRESH_PAIRS, (double) pairs.size());
    m.put(MetricNames.TIME_REFRESH, ctx.ticker().secondsSince(start));
    return m;
  }

  /** Writes the Label Studio files a stop before them left out, and stops the run. */
  private static void awaitLabels(Path dir, List<Comparison> pairs, long round, long it) {
    if (!Files.exists(dir.resolve(STUDIO_TASKS))) {
      LabelStudio.writeTasks(dir.resolve(STUDIO_TASKS), pairs);
    }
    if (!Files.exists(dir.resolve(STUDIO_CONFIG))) {
      LabelStudio.writeConfig(dir.resolve(STUDIO_CONFIG));
    }
    throw new AwaitingLabels(round, it, dir);
  }

  private static Map<String, Choice> simulated(RunContext ctx, Task task,
      List<Comparison> pairs, long round) {
    TetherConfig c = ctx.config();
    var gold = task.gold().orElseThrow();
    SimulatedAnnotator annotator = new SimulatedAnnotator(gold::score,
        c.reward().train().annotatorTau(), c.run().seed() + 7919 * round);
    Map<String, Choice> out = new LinkedHashMap<>();
    for (Comparison p : pairs) {
      out.put(p.id(), annotator.choose(p.prompt() + p.responseA(), p.prompt() + p.responseB()));
    }
    return out;
  }

  /**
   * The mean and std the refreshed model's scores of the round's samples are normalised to: those
   * the previous version gives them ({@code continue}), or 0 and 1 ({@code reset}); empty without
   * {@code reward.normalize}. Read before the fine-tuning changes the model.
   */
  private static Optional<ScoreNormalization> scaleTarget(RewardModel previous,
      List<int[]> samples, RewardConfig r) {
    if (!r.normalize()) {
      return Optional.empty();
    }
    return Optional.of(r.refreshScale() == RefreshScale.CONTINUE
        ? ScoreNormalization.fittedTo(previous.scores(samples, r.batchSize()))
        : new ScoreNormalization(0, 1));
  }

  private static Map<String, Double> fineTune(RunContext ctx, RefreshPairs sampled,
      long round) {
    TetherConfig c = ctx.config();
    RefreshData data = RefreshData.of(ctx, round);
    RewardTrainConfig cfg = c.reward().train().withSteps(c.reward().refreshSteps());
    try (RewardModel rm = RewardModel.read(ctx.store().open(Role.REWARD, round - 1),
            ctx.tokenizer().pad());
        Progress bar = Progress.stderr("reward refresh " + round, "steps", cfg.steps())) {
      RewardTrainer trainer = new RewardTrainer(rm, ctx.tokenizer());
      List<int[]> samples = RolloutScorer.scoredSequences(sampled.samples(),
          ctx.tokenizer().stopTokens());
      Optional<ScoreNormalization> target = scaleTarget(rm, samples, c.reward());
      double before = trainer.evaluate(data.heldout(), cfg.batchSize()).accuracy();
      double after = before;
      if (data.train().isEmpty()) { // every new pair a tie and no earlier pairs
        ctx.out().printf("reward refresh %d: warning: no pairs to train on (%d new pairs"
            + " that are not ties, and no earlier ones); the model is only renormalised%n", round,
            data.newPairs());
      } else {
        after = trainer.train(data.train(), data.heldout(), cfg, c.run().seed() + 104729 * round,
            s -> bar.advance(1), ctx.ticker()).heldout().accuracy();
      }
      target.ifPresent(m -> rm.normalizeTo(rm.rawScores(samples, c.reward().batchSize()),
          m.shift(), m.scale()));
      try (CheckpointWriter w = ctx.store().begin(Role.REWARD, round)) {
        rm.write(w);
        w.commit();
      }
      ctx.out().printf(Locale.ROOT, "reward refresh %d: %d new pairs (%d held out), %d in all;"
          + " held-out accuracy %.1f%% -> %.1f%%; reward model version %d%n", round,
          data.newPairs(), data.heldout().size(), data.train().size() + data.heldout().size(),
          100 * before, 100 * after, round);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(MetricNames.REFRESH_ACCURACY_BEFORE, before);
      m.put(MetricNames.REFRESH_ACCURACY_AFTER, after);
      m.put(MetricNames.REFRESH_DECIDED, (double) data.newPairs());
      m.put(MetricNames.REFRESH_HELDOUT, (double) data.heldout().size());
      return m;
    }
  }
}

package io.tether.deploy.run;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.ScoredRollout;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.ConfigLoader;
import io.tether.core.config.CriticInit;
import io.tether.core.config.ModelDType;
import io.tether.core.config.TetherConfig;
import io.tether.core.metrics.MetricNames;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelStore;
import io.tether.core.progress.Progress;
import io.tether.core.time.Ticker;
import io.tether.deploy.report.MetricsSink;
import io.tether.deploy.report.MetricsTable;
import io.tether.learner.Critics;
import io.tether.learner.Devices;
import io.tether.learner.LearnerState;
import io.tether.learner.PpoLearner;
import io.tether.learner.Publisher;
import io.tether.reward.RewardModel;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.RolloutResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.sql.SparkSession;

/**
 * One whole run: set-up (SFT, preferences, reward model), then PPO iterations — publish policy
 * version, Spark rollout stage with the embedded reward stage, scored rollouts kept as Arrow IPC
 * files, PPO update, metrics, plots, summary and checkpoint. Continues from the last complete
 * checkpoint when the run directory already has one (resume), so no iteration is done twice.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * What the run produced.
   *
   * @param summary the run's summary; null when it stopped for labels
   * @param awaitingLabels empty when the run finished; else what to do to continue it (a
   *     reward-model refresh with {@code reward.labeller: external} waits for labels)
   */
  public record Outcome(RunLayout layout, MetricsTable metrics, RunSummary summary,
      String awaitingLabels) {}

  /** Runs (or continues) the run of {@code config} in {@code layout}. */
  public static Outcome run(TetherConfig config, RunLayout runDir, PrintStream out) {
    return run(config, runDir, out, Ticker.SYSTEM);
  }

  /**
   * As {@link #run(TetherConfig, RunLayout, PrintStream)}, every reported time read from {@code
   * ticker}. The run's Arrow memory is closed at the end, and a buffer leaked anywhere in the
   * driver fails the run there.
   */
  public static Outcome run(TetherConfig config, RunLayout runDir, PrintStream out,
      Ticker ticker) {
    long start = ticker.nanos();
    RunLayout layout = prepare(config, runDir);
    SparkSession spark = SparkSessions.create(config.spark());
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER)) {
      RunContext ctx = RunContext.of(config, layout, spark, out, memory, ticker);
      Task task = Task.of(ctx);
      out.println("tether: " + task.description());
      SetupResult setup = RunSetup.ensure(ctx, task);
      MetricsTable table = Files.exists(layout.metricsCsv())
          ? MetricsTable.read(layout.metricsCsv()) : new MetricsTable();
      try {
        iterate(ctx, task, table);
      } catch (RewardRefresh.AwaitingLabels e) {
        out.println("tether: stopped: " + e.getMessage());
        return new Outcome(layout, table, null, e.getMessage());
      }
      RunSummary summary = RunSummary.write(ctx, table, setup, ticker.secondsSince(start));
      return new Outcome(layout, table, summary, "");
    } finally {
      spark.stop();
    }
  }

  /** Which part of a run to do. */
  public enum Stage {
    /** SFT of the policy only (checkpoint role {@code reference}). */
    SFT,
    /** SFT if needed, then preferences and the reward model (role {@code reward}). */
    REWARD_MODEL
  }

  /** Runs the set-up of a run up to {@code stage}, skipping what its checkpoints show done. */
  public static void setUp(TetherConfig config, RunLayout runDir, Stage stage, PrintStream out) {
    RunLayout layout = prepare(config, runDir);
    SparkSession spark = SparkSessions.create(config.spark());
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER)) {
      RunContext ctx = RunContext.of(config, layout, spark, out, memory, Ticker.SYSTEM);
      Task task = Task.of(ctx);
      out.println("tether: " + task.description());
      if (stage == Stage.SFT) {
        RunSetup.sftOnly(ctx, task);
      } else {
        RunSetup.ensure(ctx, task);
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * Stops on keys a run does not act on, creates the run directory with its {@code config.yaml}
   * and returns the layout with the configured checkpoint store.
   */
  private static RunLayout prepare(TetherConfig config, RunLayout runDir) {
    UnsupportedKeys.check(config);
    TaskChecks.check(config);
    RunLayout layout = runDir.withCheckpoints(config.run().checkpointDir());
    try {
      Files.createDirectories(layout.dir());
      if (!Files.exists(layout.config())) {
        Files.writeString(layout.config(), ConfigLoader.toYaml(config.redacted()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(layout.dir() + ": cannot write the run directory: "
          + e.getMessage(), e);
    }
    return layout;
  }

  private static void iterate(RunContext ctx, Task task, MetricsTable table) {
    TetherConfig c = ctx.config();
    boolean usesCritic = c.learner().advantage().usesCritic();
    Role stateRole = Publisher.stateRole(usesCritic);
    OptionalLong resume =
        recorded(ctx, Publisher.resumeVersion(ctx.store(), usesCritic), table, stateRole);
    // a crash between the critic's and the policy's commit leaves a critic version ahead of the
    // resume point, and one after a commit but before the metrics row was appended leaves both;
    // the resumed run writes them again
    ctx.store().discardAfter(stateRole, resume.orElse(-1));
    ctx.store().discardAfter(Role.POLICY, resume.orElse(-1));
    if (c.reward().refreshEvery() > 0) { // refreshes after the resume point are redone
      ctx.store().discardAfter(Role.REWARD, c.reward().versionAt(resume.orElse(0)));
    }
    Device device = Devices.select(c.learner().device());
    try (GptModel policy = ModelStore.read(ctx.store().open(
            resume.isPresent() ? Role.POLICY : Role.REFERENCE,
            resume.orElse(0)), learnerType(c), device);
        GptModel critic = critic(ctx, policy, resume);
        PpoLearner learner = new PpoLearner(policy, critic, c.learner(), c.rollout().temperature(),
            ctx.tokenizer().pad(), c.run().seed(), totalSteps(c), ctx.ticker())) {
      long first = 0;
      if (resume.isPresent()) {
        first = LearnerState.restore(ctx.store().open(stateRole, resume.getAsLong()),
            learner).nextIteration();
        ctx.out().printf("resuming at iteration %d from checkpoint version %d%n", first,
            resume.getAsLong());
      } else {
        Publisher.publish(ctx.store(), 0, policy, critic, learner);
      }
      table.truncateFrom(first);
      MetricsSink sink = new MetricsSink(ctx.layout().metricsCsv(), table);
      try (Progress bar = Progress.stderr("ppo", "iterations", c.run().iterations())) {
        bar.advance(first);
        double loaded = 0;
        for (long it = first; it < c.run().iterations(); it++) {
          Map<String, Double> refresh = RewardRefresh.ensure(ctx, task, it);
          long version = c.reward().versionAt(it);
          Iteration.Result r = Iteration.run(ctx, task.prompts(), task.vocabulary(),
              embeddedScoring(ctx, task, version), policy, critic, learner, it);
          r.metrics().put(MetricNames.REWARD_VERSION, (double) version);
          r.metrics().putAll(refresh);
          r.metrics().put(MetricNames.TIME_WEIGHT_LOAD, r.weightLoadSecondsSoFar() - loaded);
          loaded = r.weightLoadSecondsSoFar();
          sink.append(r.metrics());
          bar.advance(1);
        }
      }
      sink.finish(ctx.spark(), ctx.layout().metricsParquet(), ctx.layout().dir());
      SampleReport.write(ctx, c.run().iterations() - 1);
    }
  }

  /**
   * The newest complete version whose iterations all have their metrics row: a kill between an
   * iteration's checkpoint and its row would otherwise lose the row. Versions pruned away leave
   * the newest one (the row is then lost, and said so).
   */
  private static OptionalLong recorded(RunContext ctx, OptionalLong latest, MetricsTable table,
      Role stateRole) {
    if (latest.isEmpty()) {
      return latest;
    }
    long rows = 0;
    while (hasRow(table, rows)) {
      rows++;
    }
    if (rows >= latest.getAsLong()) {
      return latest;
    }
    if (ctx.store().versions(Role.POLICY).contains(rows)
        && ctx.store().versions(stateRole).contains(rows)) {
      return OptionalLong.of(rows);
    }
    ctx.out().printf("warning: metrics.csv has no row for iteration %d and checkpoint version %d"
        + " was pruned; resuming from version %d without that row%n", rows, rows,
        latest.getAsLong());
    return latest;
  }

  private static boolean hasRow(MetricsTable table, long iteration) {
    return table.rows().stream().anyMatch(r -> r.get(MetricNames.ITERATION) == iteration);
  }

  /**
   * The critic: none for a critic-free {@code learner.advantage}; the newest one when resuming;
   * else from {@code learner.critic_init}, except that without a reward model in the run (remote
   * scoring and no {@code reward.checkpoint}) it starts from the policy.
   */
  private static GptModel critic(RunContext ctx, GptModel policy, OptionalLong resume) {
    if (!ctx.config().learner().advantage().usesCritic()) {
      return null;
    }
    if (resume.isPresent()) {
      return ModelStore.read(ctx.store().open(Role.CRITIC, resume.getAsLong()),
          policy.dtype(), policy.device());
    }
    long seed = ctx.config().run().seed() + 2;
    if (ctx.config().learner().criticInit() == CriticInit.POLICY
        || ctx.store().versions(Role.REWARD).isEmpty()) {
      if (ctx.config().learner().criticInit() != CriticInit.POLICY) {
        ctx.out().println("critic: from the policy (no reward model in this run to start from:"
            + " reward.mode is " + (ctx.config().reward().mode().usesModel()
            ? "remote and reward.checkpoint is empty)" : "rule)"));
      }
      return Critics.create(CriticInit.POLICY, policy, null, null, seed);
    }
    try (RewardModel rm = RewardModel.read(ctx.store().open(Role.REWARD, 0),
        ctx.tokenizer().pad())) {
      return Critics.create(CriticInit.REWARD_MODEL, policy, rm.model(), rm.normalization(),
          seed);
    }
  }

  /**
   * The embedded reward stage of an iteration (the reward model's {@code version} unless {@code
   * reward.mode} is {@code rule}, the rules, the task's gold reward if it has one).
   */
  private static EmbeddedScoring embeddedScoring(RunContext ctx, Task task, long version) {
    TetherConfig c = ctx.config();
    return new EmbeddedScoring(
        c.reward().mode().usesModel() ? ctx.ref(Role.REWARD, version) : null,
        task.gold().orElse(null), ctx.tokenizer(), c.reward().redacted(),
        task.prompts().references());
  }

  /** {@code model.dtype}: the learner's policy and critic (rollouts are sampled in float32). */
  private static DataType learnerType(TetherConfig c) {
    return c.model().dtype() == ModelDType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
  }

  private static long totalSteps(TetherConfig c) {
    long samples = (long) c.rollout().promptsPerIteration() * c.rollout().samplesPerPrompt();
    long minibatches = (samples + c.learner().ppo().minibatchSize() - 1)
        / c.learner().ppo().minibatchSize();
    return c.run().iterations() * c.learner().ppo().epochs() * minibatches;
  }

  /** One PPO iteration. */
  static final class Iteration {

    private Iteration() {}

    /**
     * An iteration's metrics row, and the seconds the executor JVMs seen have spent loading
     * weights since they started (the caller turns it into the iteration's share).
     */
    record Result(Map<String, Double> metrics, double weightLoadSecondsSoFar) {}

    static Result run(RunContext ctx, TaskPrompts prompts, Optional<Set<String>> vocabulary,
        EmbeddedScoring scoring, GptModel policy, GptModel critic, PpoLearner learner, long it) {
      TetherConfig c = ctx.config();
      var r = c.rollout();
      RolloutRequest req =
          ctx.rolloutRequest(ctx.ref(Role.POLICY, it), it, r.samplesPerPrompt());
      List<Prompt> sampled = PromptSampler.sample(prompts.training(), r.promptsPerIteration(),
          c.run().seed(), it);
      Scored rollouts = Scored.sample(ctx, req, sampled, scoring);
      double transfer = keep(ctx, ctx.layout().scoredRollouts(it), rollouts);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(MetricNames.ITERATION, (double) it);
      m.put(MetricNames.POLICY_VERSION, (double) it);
      m.putAll(learner.update(rollouts.rows(), it));
      m.putAll(RuleScorers.means(rollouts.rows(), c.reward(), MetricNames.RULE_PREFIX));
      if (rollouts.rows().stream().anyMatch(ScoredRollout::hasGoldScore)) {
        m.put(MetricNames.GOLD_SCORES, meanGold(rollouts.rows()));
      }
      if (c.eval().due(it, c.run().iterations()) && !prompts.evaluation().isEmpty()) {
        Evaluation.Result e = Evaluation.run(ctx, prompts.evaluation(), scoring,
            vocabulary, it);
        keep(ctx, ctx.layout().evalRollouts(it), e.samples());
        m.putAll(e.metrics());
      } else {
        m.put(MetricNames.TIME_EVAL, 0.0);
      }
      m.put(MetricNames.TIME_ROLLOUT, rollouts.seconds());
      m.put(MetricNames.TIME_REWARD, rollouts.rewardSeconds());
      m.put(MetricNames.TIME_TRANSFER, transfer);
      m.put(MetricNames.TOKENS_PER_SECOND_ROLLOUT, rollouts.tokensPerSecond());
      m.put(MetricNames.ROLLOUT_EXECUTORS, (double) rollouts.stage().pids().size());
      m.put(MetricNames.ROLLOUT_TASK_RETRIES, (double) rollouts.stage().failedAttempts());
      ExecutorLog.append(ctx.layout().executorsLog(), it, rollouts.stage());
      long t0 = ctx.ticker().nanos();
      Publisher.publish(ctx.store(), it + 1, policy, critic, learner);
      ctx.store().prune(Role.POLICY, c.run().keepCheckpoints());
      ctx.store().prune(Publisher.stateRole(critic != null), c.run().keepCheckpoints());
      m.put(MetricNames.TIME_CHECKPOINT, ctx.ticker().secondsSince(t0));
      ctx.out().println(line(m));
      return new Result(m, rollouts.loadSecondsSoFar());
    }

    /** Writes the iteration's scored rollouts as an Arrow IPC file; returns the seconds taken. */
    private static double keep(RunContext ctx, Path file, Scored rollouts) {
      long t0 = ctx.ticker().nanos();
      try {
        Files.createDirectories(file.getParent());
        try (BufferAllocator allocator = ctx.memory().stage("iteration-file");
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
          rollouts.write(out, allocator);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
      return ctx.ticker().secondsSince(t0);
    }

    private static double meanGold(List<ScoredRollout> rows) {
      return rows.stream().filter(ScoredRollout::hasGoldScore)
          .mapToDouble(ScoredRollout::goldScore).average().orElse(Double.NaN);
    }

    static String line(Map<String, Double> m) {
      StringBuilder s = new StringBuilder(fmt("iter %d: reward %.3f",
          m.get(MetricNames.ITERATION).longValue(), m.get(MetricNames.SCORES)));
      ifPresent(s, " gold %.3f", m.get(MetricNames.GOLD_SCORES));
      s.append(fmt(" KL %.2f beta %.4f", m.get(MetricNames.KL), m.get(MetricNames.KL_COEF)));
      if (m.containsKey(MetricNames.EVAL_SCORE)) {
        s.append(fmt(" | eval reward %.3f", m.get(MetricNames.EVAL_SCORE)));
        ifPresent(s, " gold %.3f", m.get(MetricNames.EVAL_GOLD_SCORE));
        s.append(fmt(" KL %.2f", m.get(MetricNames.EVAL_KL)));
      }
      return s.append(fmt(" | rollout %.1fs learner %.1fs checkpoint %.1fs | %.0f tok/s",
          m.get(MetricNames.TIME_ROLLOUT), m.get(MetricNames.TIME_LEARNER),
          m.get(MetricNames.TIME_CHECKPOINT), m.get(MetricNames.TOKENS_PER_SECOND_ROLLOUT)))
          .toString();
    }

    private static void ifPresent(StringBuilder s, String format, Double value) {
      if (value != null) {
        s.append(fmt(format, value));
      }
    }

    private static String fmt(String format, Object... args) {
      return String.format(java.util.Locale.ROOT, format, args);
    }
  }
}

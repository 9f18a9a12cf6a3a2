package io.tether.deploy.run;

import io.tether.core.arrow.ArrowIpc;
import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.arrow.RolloutCodec;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.AtomicFiles;
import io.tether.reward.labels.Comparison;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.TaskHook;
import org.apache.arrow.memory.BufferAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparisons of a reward-model refresh: two samples of the current policy for each of
 * {@code reward.refresh_pairs} training prompts (never evaluation prompts), drawn from a seeded
 * stream of their own, so that a resumed run draws the same pairs.
 *
 * @param pairs the comparisons, in prompt order
 * @param samples every sample (the reward model's normalisation is refitted on them)
 */
record RefreshPairs(List<Comparison> pairs, List<Rollout> samples) {
  /** Salt of the refresh's prompt and sampling streams, apart from the iterations' own. */
  private static final long SALT = 0x5DEECE66DL;
  /** The round's samples, kept in its directory: a resumed run reads them instead of sampling. */
  static final String SAMPLES = "samples.arrow";

  /** The round's samples as the kept file has them; null when they were never kept. */
  static RefreshPairs kept(RunContext ctx, long round) {
    Path file = ctx.layout().labelRound(round).resolve(SAMPLES);
    if (!Files.exists(file)) {
      return null;
    }
    try (BufferAllocator a = ctx.memory().stage("refresh-samples")) {
      List<Rollout> rows = ArrowIpc.fromBytes(RolloutCodec.INSTANCE, Files.readAllBytes(file), a,
          file.toString());
      return of(ctx, rows, prefix(round));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Round {@code round}'s pairs: the kept samples ({@code labels/round-NNN/samples.arrow}) when
   * an earlier attempt sampled them, else sampled now from the policy published for iteration
   * {@code it} and kept before they are used.
   */
  static RefreshPairs sample(RunContext ctx, Task task, long it, long round) {
    RefreshPairs kept = kept(ctx, round);
    if (kept != null) {
      return kept;
    }
    RefreshPairs fresh = sample(ctx, task, it, ctx.config().reward().refreshPairs(), round,
        prefix(round));
    try (BufferAllocator a = ctx.memory().stage("refresh-samples")) {
      AtomicFiles.writeBytes(ctx.layout().labelRound(round).resolve(SAMPLES),
          ArrowIpc.toBytes(RolloutCodec.INSTANCE, fresh.samples(), a, 1024));
    }
    return fresh;
  }

  private static String prefix(long round) {
    return String.format(java.util.Locale.ROOT, "r%03d", round);
  }

  /**
   * {@code count} pairs from policy version {@code version}, the prompts drawn by stream {@code
   * stream} of the refresh's seed, the pairs named {@code prefix}-NNNN.
   */
  static RefreshPairs sample(RunContext ctx, Task task, long version, int count, long stream,
      String prefix) {
    TetherConfig c = ctx.config();
    long seed = c.run().seed() ^ SALT;
    List<Prompt> prompts = PromptSampler.sample(task.prompts().training(), count, seed, stream);
    RolloutRequest req = ctx.rolloutRequest(ctx.ref(Role.POLICY, version), version, 2, seed);
    return of(ctx, ctx.rolloutStage().generate(req, prompts, c.spark().partitions(),
        TaskHook.NONE).rows(), prefix);
  }

  /** Pairs of the two samples of each prompt in {@code rows}, in prompt order. */
  private static RefreshPairs of(RunContext ctx, List<Rollout> rows, String prefix) {
    Map<Long, List<Rollout>> byPrompt = new TreeMap<>();
    rows.forEach(r -> byPrompt.computeIfAbsent(r.promptId(), k -> new ArrayList<>()).add(r));
    List<Comparison> pairs = new ArrayList<>();
    for (List<Rollout> two : byPrompt.values()) {
      two.sort(Comparator.comparingInt(Rollout::sampleIndex));
      if (two.size() != 2) {
        throw new IllegalStateException(prefix + ": prompt " + two.get(0).promptId() + " has "
            + two.size() + " samples, expected 2");
      }
      pairs.add(new Comparison(Comparison.id(prefix, pairs.size()), decode(ctx,
          two.get(0).promptTokens()), decode(ctx, two.get(0).responseTokens()),
          decode(ctx, two.get(1).responseTokens()), two.get(0).policyVersion()));
    }
    return new RefreshPairs(pairs, rows);
  }

  private static String decode(RunContext ctx, int[] tokens) {
    return ctx.tokenizer().decode(tokens);
  }
}

package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.arrow.Rollout;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.reward.labels.Comparison;
import io.tether.rollout.PromptSampler;
import io.tether.rollout.RolloutRequest;
import io.tether.rollout.TaskHook;
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

  /** Samples round {@code round}'s pairs from the policy published for iteration {@code it}. */
  static RefreshPairs sample(RunContext ctx, Task task, long it, long round) {
    return sample(ctx, task, it, ctx.config().reward().refreshPairs(), round,
        String.format(java.util.Locale.ROOT, "r%03d", round));
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
    List<Rollout> rows = ctx.rolloutStage().generate(req, prompts, c.spark().partitions(),
        TaskHook.NONE).rows();
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
          decode(ctx, two.get(1).responseTokens()), version));
    }
    return new RefreshPairs(pairs, rows);
  }

  private static String decode(RunContext ctx, int[] tokens) {
    return ctx.tokenizer().decode(tokens);
  }
}

package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.config.PromptFormat;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.DataFormatException;
import io.tether.core.task.StableSplit;
import io.tether.reward.rule.References;
import io.tether.rollout.PromptSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A task's prompts: those PPO samples from, and evaluation prompts never trained on.
 *
 * @param training prompts the rollout stage samples each iteration
 * @param evaluation prompts kept apart for evaluation ({@code data.eval_prompts}, else a stable
 *     held-out split of the prompts)
 * @param references the reference answers the prompt files give ({@code data.reference_field})
 */
record TaskPrompts(List<Prompt> training, List<Prompt> evaluation, References references) {

  /**
   * {@code all} split by a stable hash of each prompt's tokens, {@code fraction} of them (at
   * least one) for evaluation, unless {@code data.eval_prompts} names a file of its own; no
   * reference answers.
   */
  static TaskPrompts of(RunContext ctx, List<Prompt> all) {
    String evalUri = ctx.config().data().evalPrompts();
    return evalUri.isEmpty() ? split(ctx, all, References.NONE)
        : new TaskPrompts(all, read(ctx, evalUri), References.NONE);
  }

  /** As {@link #of}, the prompts read from {@code uri}, with their reference answers. */
  static TaskPrompts fromFile(RunContext ctx, String uri) {
    PromptSet all = readSet(ctx, uri);
    References.Builder refs = new References.Builder();
    addReferences(refs, all, uri);
    String evalUri = ctx.config().data().evalPrompts();
    if (evalUri.isEmpty()) {
      return split(ctx, all.prompts(), refs.build());
    }
    PromptSet eval = readSet(ctx, evalUri);
    addReferences(refs, eval, evalUri);
    return new TaskPrompts(all.prompts(), eval.prompts(), refs.build());
  }

  private static TaskPrompts split(RunContext ctx, List<Prompt> all, References refs) {
    double fraction = ctx.config().data().heldoutFraction();
    List<Prompt> train = new ArrayList<>();
    List<Prompt> eval = new ArrayList<>();
    for (Prompt p : all) {
      (isHeldOut(p, fraction) ? eval : train).add(p);
    }
    if (eval.isEmpty() && train.size() > 1) {
      eval.add(train.remove(train.size() - 1));
    }
    return new TaskPrompts(train, eval, refs);
  }

  private static void addReferences(References.Builder refs, PromptSet set, String uri) {
    for (int i = 0; i < set.prompts().size(); i++) {
      String ref = set.references().get(i);
      if (ref != null) {
        Prompt p = set.prompts().get(i);
        refs.put(p.promptTokens(), ref, uri + ": record " + p.promptId());
      }
    }
  }

  /** Reads prompts from {@code uri} as {@code data.prompt_format} says; none is an error. */
  static List<Prompt> read(RunContext ctx, String uri) {
    return readSet(ctx, uri).prompts();
  }

  private static PromptSet readSet(RunContext ctx, String uri) {
    TetherConfig c = ctx.config();
    PromptFormat f = c.data().promptFormat();
    boolean parquet = f == PromptFormat.PARQUET
        || (f == PromptFormat.AUTO && uri.endsWith(".parquet"));
    PromptSet set = parquet ? ctx.promptSource().readParquet(ctx.spark(), uri)
        : ctx.promptSource().read(uri, f);
    if (set.prompts().isEmpty()) {
      throw new DataFormatException(uri + ": no usable prompts (" + set.lines() + " records, "
          + set.skipped() + " skipped, " + set.rejected() + " too long for the context)");
    }
    return set;
  }

  /** Stable: the same prompt tokens are always on the same side. */
  static boolean isHeldOut(Prompt p, double fraction) {
    return StableSplit.heldOut(0x9E3779B97F4A7C15L ^ Arrays.hashCode(p.promptTokens()), fraction);
  }

  /** "N training, M evaluation". */
  String counts() {
    return training.size() + " training, " + evaluation.size() + " evaluation";
  }
}

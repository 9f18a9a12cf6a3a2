package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.task.ArithmeticProblems;
import io.tether.core.task.ArithmeticProblems.Problem;
import io.tether.core.task.SftBatches;
import io.tether.reward.GoldReward;
import io.tether.reward.rule.References;
import io.tether.rollout.PromptSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in verifiable task ({@code data.task: arithmetic}): prompts {@code a+b=} for a, b
 * below 100, the sum as each prompt's reference answer, SFT on the training problems written
 * out, {@code data.heldout_fraction} of the problems kept for evaluation only. Nothing is
 * downloaded. Its reward is a rule's ({@code reward.mode: rule} with an {@code exact_match} rule;
 * the bundled {@code arithmetic.yaml} sets them).
 */
final class ArithmeticTask implements Task {
  private final RunContext ctx;
  private TaskPrompts prompts;

  ArithmeticTask(RunContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String description() {
    return "task: arithmetic (a+b= for a, b below " + ArithmeticProblems.LIMIT
        + "; reference answer: the sum); prompts: " + prompts().counts()
        + " (disjoint problems)";
  }

  @Override
  public TaskPrompts prompts() {
    if (prompts == null) {
      double fraction = ctx.config().data().heldoutFraction();
      References.Builder refs = new References.Builder();
      List<Prompt> train = tokenized(ArithmeticProblems.of(false, fraction), refs);
      List<Prompt> eval = tokenized(ArithmeticProblems.of(true, fraction), refs);
      prompts = new TaskPrompts(train, eval, refs.build());
    }
    return prompts;
  }

  private List<Prompt> tokenized(List<Problem> problems, References.Builder refs) {
    PromptSet set = ctx.promptSource().fromTexts(problems.stream().map(Problem::prompt).toList());
    for (int i = 0; i < problems.size(); i++) {
      refs.put(set.prompts().get(i).promptTokens(), problems.get(i).answer(), "arithmetic task");
    }
    return set.prompts();
  }

  @Override
  public SftBatches sft(int seqLen) {
    return SftBatches.ofTexts(texts(ctx.config().data().heldoutFraction()), ctx.tokenizer(),
        seqLen);
  }

  /** The SFT texts: the training problems with their answers. */
  static List<String> texts(double heldoutFraction) {
    return ArithmeticProblems.sftTexts(heldoutFraction);
  }

  @Override
  public List<Prompt> samplePrompts() {
    return prompts().training();
  }

  @Override
  public Optional<GoldReward> gold() {
    return Optional.empty();
  }

  @Override
  public Optional<Set<String>> vocabulary() {
    return Optional.empty();
  }
}

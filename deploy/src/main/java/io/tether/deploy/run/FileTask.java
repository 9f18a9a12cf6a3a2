package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.config.ConfigException;
import io.tether.core.config.DataConfig;
import io.tether.core.data.SftTexts;
import io.tether.core.task.SftBatches;
import io.tether.reward.GoldReward;
import io.tether.core.chat.ChatFormat;
import io.tether.reward.PreferenceFiles;
import io.tether.reward.PreferencePair;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * The user's own task, from files only ({@code data.task: files}, or {@code auto} with {@code
 * data.prompts} set): prompts from {@code data.prompts}, evaluation prompts from {@code
 * data.eval_prompts} (else a held-out split), SFT texts from {@code data.sft} (else the {@code
 * chosen} side of {@code data.preferences}). No default-task data is read, and there is no gold
 * reward, so no gold figure appears anywhere in the run.
 */
final class FileTask implements Task {
  private final RunContext ctx;
  private TaskPrompts prompts;

  FileTask(RunContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String description() {
    DataConfig d = ctx.config().data();
    String eval = d.evalPrompts().isEmpty() ? "held out from the prompts" : d.evalPrompts();
    return "task: files (no gold reward); prompts " + d.prompts() + ": " + prompts().counts()
        + "; evaluation prompts " + eval + "; SFT texts " + sftSource(d) + "; preferences "
        + (d.preferences().isEmpty() ? "none" : d.preferences());
  }

  private static String sftSource(DataConfig d) {
    if (!d.sft().isEmpty()) {
      return d.sft();
    }
    return d.preferences().isEmpty() ? "none" : "chosen side of " + d.preferences();
  }

  @Override
  public TaskPrompts prompts() {
    if (prompts == null) {
      prompts = TaskPrompts.fromFile(ctx, ctx.config().data().prompts());
    }
    return prompts;
  }

  @Override
  public SftBatches sft(int seqLen) {
    return SftBatches.ofTexts(texts(ctx.config().data(), ctx.hadoop(), ctx.chat()),
        ctx.tokenizer(), seqLen);
  }

  /** The SFT texts: {@code data.sft}, else the chosen side of {@code data.preferences}. */
  static List<String> texts(DataConfig d, Configuration hadoop, ChatFormat chat) {
    List<String> texts;
    if (!d.sft().isEmpty()) {
      texts = SftTexts.read(hadoop, d.sft(), d.badLines(), chat).records();
    } else if (!d.preferences().isEmpty()) {
      texts = PreferenceFiles.read(hadoop, d.preferences(), d.badLines(), chat).records()
          .stream().map(PreferencePair::chosen).toList();
    } else {
      throw new ConfigException("data.sft", "data.sft is empty and so is data.preferences:"
          + " the files task has no text to fine-tune the policy on; set data.sft (JSONL of"
          + " {\"text\": ...} or HH-RLHF), or sft.steps: 0 with model.checkpoint");
    }
    if (texts.isEmpty()) {
      throw new ConfigException("data.sft", sftSource(d) + ": no usable SFT texts");
    }
    return texts;
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

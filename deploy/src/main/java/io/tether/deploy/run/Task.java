package io.tether.deploy.run;

import io.tether.core.arrow.Prompt;
import io.tether.core.chat.ChatFormat;
import io.tether.core.config.TetherConfig;
import io.tether.core.data.DefaultTaskFiles;
import io.tether.core.task.DefaultTaskCorpus;
import io.tether.core.task.SftBatches;
import io.tether.core.tokenizer.BpeTrainer;
import io.tether.reward.GoldReward;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * What a run trains on: its prompts (training and evaluation, disjoint), its SFT texts, the
 * prompts whose SFT samples the reward model's score normalisation is fitted on (and which, in
 * the default task, the simulated annotator labels), and a gold reward where the task has one.
 * Preference pairs from {@code data.preferences} and an existing reward model from {@code
 * reward.checkpoint} work the same in every task; see {@link RunSetup}.
 */
interface Task {
  /** One line naming the task and its data, the first thing a run prints. */
  String description();

  /** Training and evaluation prompts, read once. */
  TaskPrompts prompts();

  /**
   * The SFT sequences of at most {@code seqLen} tokens.
   *
   * @throws io.tether.core.config.ConfigException naming the key to set when the task has none
   */
  SftBatches sft(int seqLen);

  /** Prompts the SFT policy is sampled on to fit the reward normalisation (and to label). */
  List<Prompt> samplePrompts();

  /**
   * Texts of the task's corpus the simulated annotator compares besides the policy's samples
   * (the default task's training review sentences); empty where the task has none.
   */
  default List<String> annotatorTexts() {
    return List.of();
  }

  /** The gold reward, where the task has one (the default task); empty for the user's files. */
  Optional<GoldReward> gold();

  /**
   * The words of the training corpus ({@link io.tether.core.task.Words}), against which the
   * share of real words in samples is measured; empty where the task has no such corpus.
   */
  Optional<Set<String>> vocabulary();

  /**
   * The texts the task fine-tunes the policy on, each part weighted by how often SFT draws from
   * it, read without a run context: what the {@code corpus} tokenizer is fitted to before any
   * model exists.
   */
  static List<BpeTrainer.Part> sftTexts(TetherConfig c, Configuration hadoop,
      DefaultTaskFiles files) {
    return switch (c.data().resolvedTask()) {
      case FILES ->
          List.of(new BpeTrainer.Part(FileTask.texts(c.data(), hadoop, ChatFormat.PLAIN), 1));
      case ARITHMETIC ->
          List.of(new BpeTrainer.Part(ArithmeticTask.texts(c.data().heldoutFraction()), 1));
      default -> DefaultTask.parts(DefaultTaskCorpus.load(files, c.data().heldoutFraction()));
    };
  }

  /** The task {@code data.task} names for the run in {@code ctx}. */
  static Task of(RunContext ctx) {
    return switch (ctx.config().data().resolvedTask()) {
      case FILES -> new FileTask(ctx);
      case ARITHMETIC -> new ArithmeticTask(ctx);
      default -> new DefaultTask(ctx);
    };
  }
}

package io.tether.core.config;

/**
 * The {@code data} section: where prompts and preference pairs come from.
 *
 * @param cacheDir where downloaded and generated data is kept; empty: {@code
 *     ~/.cache/tether/data}
 * @param task which task the run trains on; {@code auto}: {@code files} when {@code prompts}
 *     is set
 * @param prompts prompts file, a path or Hadoop URI; empty: the default task's prompts
 * @param promptFormat how the prompts file is read
 * @param chatTemplate whether conversations are written with the model's chat template
 * @param sft SFT texts (JSONL with a {@code text} field, or HH-RLHF whose {@code chosen} side
 *     is taken), a path or Hadoop URI; empty: the default task's text, or for a files task the
 *     {@code chosen} side of {@code preferences}
 * @param evalPrompts evaluation prompts, read like {@code prompts}; empty: a held-out split
 *     ({@code heldout_fraction}) of the prompts
 * @param preferences preference pairs (HH-RLHF JSONL) for the reward model; empty: the default
 *     task's simulated annotator
 * @param badLines what to do with an unreadable line
 * @param promptOverflow what to do with a prompt too long for the context
 * @param heldoutFraction fraction of the data held out for evaluation, in (0, 1)
 * @param referenceField the JSONL field of a prompt record holding its reference answer, which
 *     {@code exact_match} rules compare with (a record without it has none)
 */
public record DataConfig(
    String cacheDir,
    TaskKind task,
    String prompts,
    PromptFormat promptFormat,
    ChatTemplateMode chatTemplate,
    String sft,
    String evalPrompts,
    String preferences,
    BadLinePolicy badLines,
    PromptOverflow promptOverflow,
    double heldoutFraction,
    String referenceField) {

  /** Validates every field; see the class description for the rules. */
  public DataConfig {
    Check.present("data.cache_dir", cacheDir);
    Check.present("data.task", task);
    Check.present("data.prompts", prompts);
    Check.present("data.prompt_format", promptFormat);
    Check.present("data.chat_template", chatTemplate);
    Check.present("data.sft", sft);
    Check.present("data.eval_prompts", evalPrompts);
    Check.present("data.preferences", preferences);
    Check.present("data.bad_lines", badLines);
    Check.present("data.prompt_overflow", promptOverflow);
    Check.openUnit("data.heldout_fraction", heldoutFraction);
    Check.nonEmpty("data.reference_field", referenceField);
  }

  /** The task {@code task} resolves to: {@code auto} is {@code files} when prompts are set. */
  public TaskKind resolvedTask() {
    if (task != TaskKind.AUTO) {
      return task;
    }
    return prompts.isEmpty() ? TaskKind.DEFAULT : TaskKind.FILES;
  }

  /** The default task, auto format, no chat template, fail on bad lines, truncate long prompts, 10% held out. */
  public static DataConfig defaults() {
    return new DataConfig(
        "", TaskKind.AUTO, "", PromptFormat.AUTO, ChatTemplateMode.NONE, "", "", "", BadLinePolicy.FAIL, PromptOverflow.TRUNCATE_LEFT, 0.1,
        "answer");
  }
}

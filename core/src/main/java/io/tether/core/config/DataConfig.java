package io.tether.core.config;

/**
 * The {@code data} section: where prompts and preference pairs come from.
 *
 * @param cacheDir where downloaded and generated data is kept; empty: {@code
 *     ~/.cache/tether/data}
 * @param prompts prompts file, a path or Hadoop URI; empty: the default task's prompts
 * @param promptFormat how the prompts file is read
 * @param preferences preference pairs (HH-RLHF JSONL) for the reward model; empty: the default
 *     task's simulated annotator
 * @param badLines what to do with an unreadable line
 * @param promptOverflow what to do with a prompt too long for the context
 * @param heldoutFraction fraction of the data held out for evaluation, in (0, 1)
 */
public record DataConfig(
    String cacheDir,
    String prompts,
    PromptFormat promptFormat,
    String preferences,
    BadLinePolicy badLines,
    PromptOverflow promptOverflow,
    double heldoutFraction) {

  /** Validates every field; see the class description for the rules. */
  public DataConfig {
    Check.present("data.cache_dir", cacheDir);
    Check.present("data.prompts", prompts);
    Check.present("data.prompt_format", promptFormat);
    Check.present("data.preferences", preferences);
    Check.present("data.bad_lines", badLines);
    Check.present("data.prompt_overflow", promptOverflow);
    Check.openUnit("data.heldout_fraction", heldoutFraction);
  }

  /** The default task, auto format, fail on bad lines, truncate long prompts, 10% held out. */
  public static DataConfig defaults() {
    return new DataConfig(
        "", "", PromptFormat.AUTO, "", BadLinePolicy.FAIL, PromptOverflow.TRUNCATE_LEFT, 0.1);
  }
}

package io.tether.deploy;

import io.tether.core.config.TetherConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tether quickstart}: the default task end to end, no arguments needed. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Run the default task (positive-sentiment continuation of review openings):"
        + " SFT, simulated preferences, reward model, PPO on Spark local[*]; writes metrics,"
        + " plots and summary.json to the run directory. Needs `tether setup` first.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--run-dir", description = "Run directory (default: runs/<task>-<time>).")
  Path runDir;

  /** The bundled tasks. */
  enum BundledTask {
    /** The sentiment task (quickstart.yaml). */
    DEFAULT,
    /** Addition with an exact-match rule reward and GRPO (arithmetic.yaml). */
    ARITHMETIC
  }

  @Option(names = "--task", defaultValue = "default", converter = TaskConverter.class,
      description = "default: the sentiment task (PPO with a learned reward model); arithmetic:"
          + " a+b= prompts scored by an exact-match rule, GRPO without a critic.")
  BundledTask task;

  /** Lower-case task names on the command line. */
  static final class TaskConverter implements picocli.CommandLine.ITypeConverter<BundledTask> {
    @Override
    public BundledTask convert(String value) {
      return BundledTask.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Mixin ConfigOverrides overrides;

  @Override
  public Integer call() {
    TetherConfig c = task == BundledTask.ARITHMETIC
        ? RunCommands.bundled("arithmetic.yaml", overrides.list())
        : RunCommands.quickstart(overrides.list());
    return RunCommands.execute(c, RunCommands.layout(c, runDir), System.out);
  }
}

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
  @Option(names = "--run-dir", description = "Run directory (default: runs/quickstart-<time>).")
  Path runDir;

  @Mixin ConfigOverrides overrides;

  @Override
  public Integer call() {
    TetherConfig c = RunCommands.quickstart(overrides.list());
    return RunCommands.execute(c, RunCommands.layout(c, runDir), System.out);
  }
}

package io.tether.deploy;

import io.tether.core.config.ConfigLoader;
import io.tether.core.config.TetherConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tether run --config run.yaml}: any run. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Run the pipeline from a YAML config (every key has a default; unknown keys"
        + " are errors). A run directory that already holds checkpoints is continued.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The run's YAML config.")
  Path config;

  @Option(names = "--run-dir", description = "Run directory (default: run.dir, else"
      + " runs/<run.name>-<time>).")
  Path runDir;

  @Mixin ConfigOverrides overrides;

  @Override
  public Integer call() {
    TetherConfig c = ConfigLoader.load(config, overrides.list());
    return RunCommands.execute(c, RunCommands.layout(c, runDir), System.out);
  }
}

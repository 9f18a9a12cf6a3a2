package io.tether.deploy;

import io.tether.core.config.TetherConfig;
import io.tether.deploy.run.RunLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tether resume <run-dir>}: continue a run from its last complete checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Continue a run from its last complete checkpoint, with the config saved in"
        + " the run directory; no iteration is run twice.")
final class ResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The run directory.")
  Path runDir;

  @Mixin ConfigOverrides overrides;

  @Override
  public Integer call() {
    RunLayout layout = new RunLayout(runDir);
    TetherConfig c = RunCommands.saved(layout, overrides.list());
    return RunCommands.execute(c, layout, System.out);
  }
}

package io.tether.deploy;

import io.tether.core.config.TetherConfig;
import io.tether.deploy.run.Pipeline;
import io.tether.deploy.run.RunLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tether sft} and {@code tether train-reward}: a run's set-up steps on their own. */
final class SetupCommands {
  private SetupCommands() {}

  /** The options both commands share. */
  abstract static class Base implements Callable<Integer> {
    @Option(names = "--config", description = "The run's YAML config (default: the bundled"
        + " quickstart.yaml).")
    Path config;

    @Option(names = "--run-dir", description = "Run directory (default: run.dir, else"
        + " runs/<run.name>-<time>); a later `tether run --run-dir` continues from it.")
    Path runDir;

    @Mixin ConfigOverrides overrides;

    abstract Pipeline.Stage stage();

    @Override
    public Integer call() {
      TetherConfig c = RunCommands.load(config, overrides.list());
      RunLayout layout = RunCommands.layout(c, runDir);
      System.out.println("tether: run directory " + layout.dir().toAbsolutePath());
      Pipeline.setUp(c, layout, stage(), System.out);
      return 0;
    }
  }

  /** SFT of the policy. */
  @Command(name = "sft", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Supervised fine-tuning of the policy on the default task's text"
          + " (checkpoints/reference/v000000 of the run directory).")
  static final class Sft extends Base {
    @Override
    Pipeline.Stage stage() {
      return Pipeline.Stage.SFT;
    }
  }

  /** Preferences and the reward model. */
  @Command(name = "train-reward", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Label pairs of SFT samples with the simulated annotator (or read"
          + " data.preferences) and train the Bradley-Terry reward model"
          + " (checkpoints/reward/v000000); runs SFT first when the run has none.")
  static final class TrainReward extends Base {
    @Override
    Pipeline.Stage stage() {
      return Pipeline.Stage.REWARD_MODEL;
    }
  }
}

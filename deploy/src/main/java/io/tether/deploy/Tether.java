package io.tether.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tether} command line. Each subcommand delegates to a method that returns a result. */
@Command(
    name = "tether",
    mixinStandardHelpOptions = true,
    versionProvider = Tether.Version.class,
    description = "Distributed RLHF: PPO with a KL penalty on Spark, DJL and Arrow.",
    subcommands = {
      QuickstartCommand.class,
      InitCommand.class,
      FetchDataCommand.class,
      DoctorCommand.class,
      RunCommand.class,
      ResumeCommand.class,
      PlotCommand.class,
      SweepCommand.class,
      SetupCommands.Sft.class,
      SetupCommands.TrainReward.class,
      ServeRewardCommand.class,
      ExportCommand.class,
      ScoreCommand.class,
      TrainCheckCommand.class,
      RooflineCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Tether {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return new CommandLine(new Tether())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler())
        .execute(args);
  }

  /** Version from the jar manifest or the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Tether.class.getPackage().getImplementationVersion();
      return new String[] {"tether " + (v == null ? "development build" : v)};
    }
  }
}

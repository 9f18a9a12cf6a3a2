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
      ImportLabelsCommand.class,
      ExportPairsCommand.class,
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
    int code = execute(args);
    if (code == 0 && inYarnApplicationMaster()) {
      return; // the application master reports success itself once main returns
    }
    if (code != 0 && inYarnApplicationMaster()) {
      // an exit from main would be reported as "shutdown before final status" and retried
      throw new IllegalStateException("tether exited with code " + code + "; see the log above");
    }
    System.exit(code);
  }

  /**
   * Whether this JVM is the driver in YARN's cluster deploy mode, where Spark's application
   * master runs {@code main}: an exit there is a failed attempt, which YARN would run again.
   */
  static boolean inYarnApplicationMaster() {
    return "cluster".equals(System.getProperty("spark.submit.deployMode"))
        && "yarn".equals(System.getProperty("spark.master"));
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

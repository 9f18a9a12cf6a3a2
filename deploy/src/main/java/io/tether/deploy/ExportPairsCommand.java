package io.tether.deploy;

import io.tether.core.config.TetherConfig;
import io.tether.deploy.run.PairExport;
import io.tether.deploy.run.RunLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tether export-pairs --run DIR --iteration N --count K --out FILE}: comparison pairs of a
 * run's policy for labelling outside a refresh.
 */
@Command(name = "export-pairs", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write comparison pairs of a run's policy (two samples for each of --count"
        + " training prompts) as JSON Lines {pair_id, prompt, response_a, response_b,"
        + " policy_version}, and with --label-studio as a Label Studio import and its config.")
final class ExportPairsCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "The run directory.")
  Path run;

  @Option(names = "--iteration", required = true,
      description = "The policy that sampled iteration N (checkpoint version N).")
  long iteration;

  @Option(names = "--count", description = "Pairs (prompts) to write.")
  int count = 64;

  @Option(names = "--out", required = true, description = "The JSON Lines file to write.")
  Path out;

  @Option(names = "--label-studio", description = "Also write the Label Studio tasks here"
      + " (label-studio-config.xml beside it).")
  Path studio;

  @Override
  public Integer call() {
    RunLayout layout = new RunLayout(run);
    TetherConfig c = RunCommands.saved(layout, java.util.List.of());
    if (count < 1) {
      throw new IllegalArgumentException("--count must be >= 1, got " + count);
    }
    int n = PairExport.write(c, layout, iteration, count, out, studio, System.out).size();
    System.out.printf("tether: %d pairs of policy version %d in %s%s%n", n, iteration, out,
        studio == null ? "" : " and " + studio);
    return 0;
  }
}

package io.tether.deploy;

import io.tether.deploy.run.LabelRounds;
import io.tether.deploy.run.RunLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether import-labels --run DIR FILE}: the labels of the refresh round a run stopped for,
 * checked against its pairs and kept for {@code tether resume}.
 */
@Command(name = "import-labels", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Read the labels of the reward-model refresh round a run waits for (JSON Lines"
        + " {\"pair_id\", \"choice\": a|b|tie}, or Label Studio's JSON export of the pairwise"
        + " project), check them against the round's pairs, and keep them; then tether resume.")
final class ImportLabelsCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "The run directory.")
  Path run;

  @Option(names = "--round", description = "The round (default: the one waiting for labels).")
  Long round;

  @Parameters(index = "0", description = "The labels file.")
  Path file;

  @Override
  public Integer call() {
    RunLayout layout = new RunLayout(run);
    long r = round != null ? round : LabelRounds.waiting(layout);
    LabelRounds.Imported i = LabelRounds.importLabels(layout, r, file);
    System.out.printf("tether: round %d: %d labels imported from %s (%d a, %d b, %d ties) into"
        + " %s; continue the run with: tether resume %s%n", r, i.total(), file, i.a(), i.b(),
        i.ties(), i.labels(), run);
    return 0;
  }
}

package io.tether.deploy.run;

import io.tether.core.arrow.ArrowMemory;
import io.tether.core.arrow.ProcessRole;
import io.tether.core.checkpoint.Role;
import io.tether.core.config.TetherConfig;
import io.tether.core.time.Ticker;
import io.tether.reward.labels.Comparison;
import io.tether.reward.labels.ComparisonFiles;
import io.tether.reward.labels.LabelStudio;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Comparison pairs of a run's policy at any checkpoint version, for labelling outside a refresh:
 * two samples for each of {@code count} training prompts (never evaluation prompts), in the
 * refresh's pairs format, and optionally as a Label Studio import with its labelling config.
 */
public final class PairExport {
  /** Offset of the export's prompt streams from the refresh rounds' (1, 2, ...). */
  private static final long STREAMS = 1_000_000L;

  private PairExport() {}

  /**
   * Writes the pairs of policy version {@code version} to {@code out} (JSON Lines) and, when
   * {@code studio} is not null, the Label Studio tasks there with the config beside it.
   *
   * @return the pairs written
   */
  public static List<Comparison> write(TetherConfig c, RunLayout runDir, long version,
      int count, Path out, Path studio, PrintStream log) {
    RunLayout layout = runDir.withCheckpoints(c.run().checkpointDir());
    SparkSession spark = SparkSessions.create(c.spark());
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER)) {
      RunContext ctx = RunContext.of(c, layout, spark, log, memory, Ticker.SYSTEM);
      List<Long> versions = ctx.store().versions(Role.POLICY);
      if (!versions.contains(version)) {
        throw new IllegalArgumentException(layout.dir() + ": no policy checkpoint version "
            + version + " (versions kept: " + versions + ")");
      }
      Task task = Task.of(ctx);
      List<Comparison> pairs = RefreshPairs.sample(ctx, task, version, count,
          STREAMS + version, "v" + version).pairs();
      ComparisonFiles.write(out, pairs);
      if (studio != null) {
        LabelStudio.writeTasks(studio, pairs);
        LabelStudio.writeConfig(studio.resolveSibling(RewardRefresh.STUDIO_CONFIG));
      }
      return pairs;
    } finally {
      spark.stop();
    }
  }
}

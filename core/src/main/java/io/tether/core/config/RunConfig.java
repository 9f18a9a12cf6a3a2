package io.tether.core.config;

import java.util.regex.Pattern;

/**
 * The {@code run} section: identity, seed and checkpoint cadence of one training run.
 *
 * @param name run name, used in the run directory and metrics; letters, digits, {@code . _ -}
 * @param seed the one seed every random stream of the run is derived from
 * @param dir run directory, a path or Hadoop URI; empty: the caller picks {@code
 *     runs/<name>-<timestamp>}
 * @param checkpointDir where checkpoints (and so the weights executors load) are kept, a path or
 *     Hadoop URI that the driver and every executor can read, e.g. {@code hdfs://nn:8020/tether};
 *     empty: the run directory (fine for local mode and single-machine clusters)
 * @param iterations PPO iterations (rollout, reward, update) to run
 * @param checkpointEvery write a checkpoint every this many iterations
 * @param keepCheckpoints how many of the newest checkpoints to keep
 */
public record RunConfig(
    String name, long seed, String dir, String checkpointDir, int iterations, int checkpointEvery, int keepCheckpoints) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** Validates every field; see the class description for the rules. */
  public RunConfig {
    Check.matches("run.name", name, NAME);
    Check.present("run.dir", dir);
    Check.present("run.checkpoint_dir", checkpointDir);
    Check.atLeast("run.iterations", iterations, 1);
    Check.atLeast("run.checkpoint_every", checkpointEvery, 1);
    Check.atLeast("run.keep_checkpoints", keepCheckpoints, 1);
  }

  /** {@code tether}, seed 42, directory chosen by the caller, 20 iterations, keep 3. */
  public static RunConfig defaults() {
    return new RunConfig("tether", 42L, "", "", 20, 1, 3);
  }
}

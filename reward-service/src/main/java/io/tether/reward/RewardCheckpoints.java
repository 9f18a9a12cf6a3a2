package io.tether.reward;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.RunTokenizers;
import io.tether.core.tokenizer.Tokenizer;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds a reward-model checkpoint from what a user types: a version directory ({@code
 * .../checkpoints/reward/v000000}) or a run directory (its newest valid reward version).
 */
public final class RewardCheckpoints {
  private RewardCheckpoints() {}

  /**
   * The tokenizer a checkpoint's model was built for: the run's fitted tokenizer stored beside
   * its checkpoints, else the fixed tokenizer of its vocabulary size.
   */
  public static Tokenizer tokenizer(Configuration conf, Checkpoint c) {
    return RunTokenizers.of(CheckpointPaths.storeOf(conf, c), ModelStore.spec(c).vocabSize(),
        c.uri());
  }

  /** The checkpoint {@code pathOrUri} names, opened through {@code conf}. */
  public static Checkpoint open(Configuration conf, String pathOrUri) {
    return CheckpointPaths.open(conf, pathOrUri, Role.REWARD);
  }
}

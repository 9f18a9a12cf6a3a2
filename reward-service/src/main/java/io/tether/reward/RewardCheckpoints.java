package io.tether.reward;

import io.tether.core.checkpoint.Checkpoint;
import io.tether.core.checkpoint.CheckpointPaths;
import io.tether.core.checkpoint.Role;
import io.tether.core.model.ModelStore;
import io.tether.core.tokenizer.Tokenizer;
import io.tether.core.tokenizer.TokenizerKind;
import io.tether.core.tokenizer.Tokenizers;
import org.apache.hadoop.conf.Configuration;

/**
 * Finds a reward-model checkpoint from what a user types: a version directory ({@code
 * .../checkpoints/reward/v000000}) or a run directory (its newest valid reward version).
 */
public final class RewardCheckpoints {
  private RewardCheckpoints() {}

  /** The tokenizer a checkpoint's model was built for, from its vocabulary size. */
  public static Tokenizer tokenizer(Checkpoint c) {
    int vocab = ModelStore.spec(c).vocabSize();
    for (TokenizerKind k : TokenizerKind.values()) {
      Tokenizer t = Tokenizers.create(k);
      if (t.vocabSize() == vocab) {
        return t;
      }
    }
    throw new IllegalArgumentException(c.uri() + ": vocabulary of " + vocab
        + " tokens matches no tokenizer");
  }

  /** The checkpoint {@code pathOrUri} names, opened through {@code conf}. */
  public static Checkpoint open(Configuration conf, String pathOrUri) {
    return CheckpointPaths.open(conf, pathOrUri, Role.REWARD);
  }
}
